/**
 * The people team's organisation tree ({@code org-tree}): a vanilla Web Component
 * {@code <org-tree>} that loads the company's units one level at a time from its own JSON API.
 *
 * <ul>
 *   <li>{@code GET /api/org}: {@code {"root": Node, "children": [Node, ...]}}</li>
 *   <li>{@code GET /api/org/{id}}: {@code [Node, ...]}, the unit's direct children; 404 for an
 *       unknown id</li>
 * </ul>
 * A {@code Node} is {@code {"id","name","kind":"company|department|team","headcount","hasChildren"}}.
 * The fragment writes the API's browser URL, behind the gateway's {@code X-Fragment-Base-Path},
 * into the element's {@code data-api}.
 */
package io.mosaic.fragments.orgtree;
