package dev.sandlot.server.interview;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live interview pads ({@code sandlot.interview.*}, environment
 * {@code SANDLOT_INTERVIEW_...}).
 *
 * @param maxParticipants the most people in one pad (interviewers and candidate), and the
 * default of a new pad's own cap, which may only be lower
 * @param linkTtl how long a pad's links work when issued without an expiry
 */
@Validated
@ConfigurationProperties("sandlot.interview")
public record InterviewProperties(@DefaultValue("8") @Min(2) @Max(64) int maxParticipants,
        @DefaultValue("7d") @NotNull @DurationMin(minutes = 1) Duration linkTtl) {
}
