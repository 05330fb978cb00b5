Timeline — query: i/212x/B — data: bundled dataset
┌──────┬──────┬───────┬───────┬───────┐
│ Date │ Kind │ Flags │ Title │ Place │
├──────┼──────┼───────┼───────┼───────┤
└──────┴──────┴───────┴───────┴───────┘
Flags: * inferred  ? uncertain  ! contradiction  n note
0 of 48 rows · exported 2026-11-23
