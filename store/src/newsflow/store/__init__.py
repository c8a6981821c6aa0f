"""newsflow's article storage: schema, migrations, writes and typed reads (the sink and the api use it)."""
