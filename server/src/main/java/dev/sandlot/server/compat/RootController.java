package dev.sandlot.server.compat;

import dev.sandlot.engine.Engine;
import dev.sandlot.engine.Language;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * GET /: the web playground for browsers; for API clients the welcome both seed services
 * answered there (the first seed's "Message", the fourth's API information with its
 * languages).
 */
@Controller
@Tag(name = "Seed APIs")
class RootController {

    private final Engine engine;

    RootController(Engine engine) {
        this.engine = engine;
    }

    @Operation(summary = "Web playground (browsers) or API information (JSON clients)")
    @GetMapping("/")
    Object root(@Parameter(hidden = true) @RequestHeader(value = "Accept", defaultValue = "*/*") String accept) {
        if (accept.contains(MediaType.TEXT_HTML_VALUE))
            return "forward:/index.html";
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("Message", "Welcome to the Python Playground Backend!");
        info.put("name", "Sandlot");
        info.put("description",
                "Code execution API: native at /api/v1, seed-compatible endpoints, OpenAPI at /v3/api-docs");
        info.put("docs", "/docs");
        List<String> ids = engine.languages().stream().map(Language::id).distinct().toList();
        info.put("supported_languages", ids);
        info.put("languages",
                engine.languages()
                    .stream()
                    .map(l -> Map.of("id", l.id(), "name", l.name(), "version", l.version()))
                    .toList());
        info.put("endpoints",
                List.of("POST /api/v1/execute", "GET /api/v1/languages", "GET /api/v1/health",
                        "WS /api/v1/execute/stream", "POST /playground/execute", "POST /api/execute",
                        "POST /api/v1/code/execute", "POST /execute", "GET /health"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(info);
    }

}
