package dev.sandlot.server.system;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Examples for the parameters of Spring Boot Actuator's endpoints, which springdoc
 * documents without any: a metric every server has, and a Prometheus filter.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorApiDocumentation {

    private static final Map<String, Map<String, String>> EXAMPLES = Map.of("/actuator/metrics/{requiredMetricName}",
            Map.of("requiredMetricName", "jvm.threads.live"), "/actuator/prometheus",
            Map.of("includedNames", "sandlot_runs_active"));

    @Bean
    OpenApiCustomizer actuatorExamples() {
        return api -> EXAMPLES.forEach((path, examples) -> {
            PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
            Operation get = item == null ? null : item.getGet();
            if (get == null || get.getParameters() == null)
                return;
            for (Parameter p : get.getParameters()) {
                if (examples.containsKey(p.getName()))
                    p.setExample(examples.get(p.getName()));
            }
        });
    }

}
