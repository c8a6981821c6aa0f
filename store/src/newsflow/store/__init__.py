"""newsflow's article storage: schema, migrations, the write path and the read side, shared by the sink and the api."""
