package dev.sandlot.server.web;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * A module's part of the OpenAPI document, applied once every operation is built, after
 * the shared description and schemas, in the beans' order ({@code @Order}): a part that
 * adds operations comes before one that documents every operation. springdoc applies its
 * own customizers in no set order, hence this.
 */
public interface ApiDocumentationPart {

    void document(OpenAPI api);

}
