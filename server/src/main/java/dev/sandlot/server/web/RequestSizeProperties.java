package dev.sandlot.server.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The size of request bodies ({@code sandlot.max-request-bytes}), enforced by
 * {@link RequestSizeFilter}.
 *
 * @param maxRequestBytes the largest request body accepted, in bytes; a larger one is
 * answered 413
 */
@Validated
@ConfigurationProperties("sandlot")
public record RequestSizeProperties(@DefaultValue("33554432") @Positive long maxRequestBytes) {
}
