package dev.sandlot.server.project;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Caps on saved projects ({@code sandlot.projects.*}), also applied to task starter files
 * and to the files a terminal saves.
 *
 * @param maxFileBytes the largest file of a project, in bytes
 * @param maxProjectBytes the most bytes all files of one project may hold
 * @param maxFiles the most files one project may have
 * @param maxProjectsPerUser the most projects one account may have
 */
@Validated
@ConfigurationProperties("sandlot.projects")
public record ProjectProperties(@DefaultValue("1048576") @PositiveOrZero int maxFileBytes,
        @DefaultValue("10485760") @PositiveOrZero int maxProjectBytes,
        @DefaultValue("200") @PositiveOrZero int maxFiles,
        @DefaultValue("500") @PositiveOrZero int maxProjectsPerUser) {
}
