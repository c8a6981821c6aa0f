"""thinc ops for a model that only predicts: maxout without the argmax a backward pass needs.

thinc's ``maxout`` returns, with each maximum, the index of the piece it came
from, for backpropagation; its loop over pieces is about 0.4 ms for one
article's tok2vec layer, a tenth of the whole layer. The NER model here never
trains, so the maximum alone is taken, with NumPy's elementwise ``maximum``
(~0.05 ms): the values are the same bit for bit, and the model's entities are
identical. A backward pass through these ops raises instead of using
indices that were never computed.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from thinc.api import NumpyOps, registry
from thinc.types import Floats2d, Floats3d, Ints2d

NAME = "newsflow_inference"


@registry.ops("NewsflowInferenceOps")
class InferenceOps(NumpyOps):  # type: ignore[misc]  # thinc's classes are untyped to mypy
    """NumPy ops (NumPy's BLAS for matrix products) for inference only."""

    name = NAME

    def maxout(self, X: Floats3d) -> tuple[Floats2d, Ints2d]:
        pieces: np.ndarray[Any, np.dtype[np.float32]] = np.asarray(X)
        if pieces.shape[2] == 1:
            return cast(Floats2d, pieces[..., 0].copy()), _NO_INDICES
        best = np.maximum(pieces[..., 0], pieces[..., 1])
        for piece in range(2, pieces.shape[2]):
            np.maximum(best, pieces[..., piece], out=best)
        return cast(Floats2d, best), _NO_INDICES

    def backprop_maxout(self, dY: Floats2d, which: Ints2d, P: int) -> Any:
        msg = "InferenceOps.maxout keeps no piece indices: this model is for prediction only"
        raise NotImplementedError(msg)


_NO_INDICES = cast(Ints2d, np.zeros((0, 0), dtype="int32"))
