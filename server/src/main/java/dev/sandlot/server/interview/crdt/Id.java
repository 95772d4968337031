package dev.sandlot.server.interview.crdt;

/** A struct's address: the client that made it and its clock. */
record Id(long client, long clock) {
}
