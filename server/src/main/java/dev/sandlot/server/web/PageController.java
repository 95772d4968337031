package dev.sandlot.server.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The playground's own addresses: /p/{id} names an open project, so a reload or a
 * bookmark opens it again; the page itself reads the id.
 */
@Controller
@Hidden
class PageController {

    @GetMapping("/p/{id:\\d+}")
    String project() {
        return "forward:/index.html";
    }

}
