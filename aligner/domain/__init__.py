"""Plain values of the committee's world: ids, enums, records, errors. Imports no other aligner."""
