"""Hand-written stories shared by the extraction tests (invented places and people)."""

KILN = "Potters of Varnholt fire the old town kiln for the first time in forty years"
KILN_BODY = [
    "The brick kiln behind the Varnholt market was lit again on Saturday, after the potters' guild "
    "spent two winters rebuilding its chimney with bricks salvaged from the Drennick mill.",
    "Guild master Odile Brannock said the first firing held more than three hundred pots, most of "
    "them made by Varnholt schoolchildren who had learned to throw clay at the guild's workshop.",
    "The kiln needs a full day and a night of wood fire, and volunteers from Drennick and Ospel "
    "took turns feeding it until Brannock declared the temperature right on Sunday morning.",
    "The guild hopes to fire the Varnholt kiln every season from now on, and Brannock said the pots "
    "from this firing will be sold at the market to pay for next year's wood.",
    "Brannock said that visitors could watch the next firing from the market square, where the guild "
    "will set up a stall selling cups and bowls from the first load out of the Varnholt kiln.",
]

FERRY = "Ferry crossing to the outer islands resumes after winter repairs"
FERRY_BODY = [
    "The ferry between the harbour town and the outer islands sailed again on Tuesday morning, after "
    "three months in the dry dock while its hull and engines were repaired.",
    "Islanders had relied on a smaller boat during the winter, which could carry no cars and often "
    "stayed in port when the wind rose above a moderate breeze.",
    "The shipping company said the repaired ferry would keep its old timetable, with four crossings a "
    "day in each direction and an extra evening sailing on Fridays.",
    "Shopkeepers on the largest island said they were relieved, since deliveries of fresh food had "
    "been cut to twice a week while the ferry was away.",
]
