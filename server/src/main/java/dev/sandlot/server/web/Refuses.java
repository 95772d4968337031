package dev.sandlot.server.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem types an operation may answer with besides those the OpenAPI document
 * infers (a 400 for any input, 413 and 415 for a body, and what sign-in adds): documented
 * on the operation as {@code application/problem+json} answers, one per status. May also
 * sit on an annotation that groups the refusals of a kind of operation (see
 * {@code execute}'s {@code RunRefusals}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface Refuses {

    ProblemType[] value();

}
