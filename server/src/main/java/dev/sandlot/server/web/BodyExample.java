package dev.sandlot.server.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body the OpenAPI document shows for an operation, and that Swagger UI's "Try
 * it out" sends as it is: it must succeed (a test sends every one). The first is the
 * default; without one Swagger UI would make a body up from the schema ({@code "string"}
 * for every text). For a form body the value is a JSON object of the fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(BodyExample.List.class)
public @interface BodyExample {

    /** What the example shows, as Swagger UI's example menu lists it. */
    String summary();

    /** The body, as JSON. */
    String value();

    /** Several examples of one operation. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {

        BodyExample[] value();

    }

}
