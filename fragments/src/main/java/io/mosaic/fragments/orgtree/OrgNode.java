package io.mosaic.fragments.orgtree;

/**
 * One unit in the API's answers: {@code {"id","name","kind","headcount","hasChildren"}}.
 *
 * @param kind {@code company}, {@code department} or {@code team}
 * @param hasChildren whether {@code GET /api/org/{id}} has units to show
 */
record OrgNode(String id, String name, String kind, int headcount, boolean hasChildren) {
}
