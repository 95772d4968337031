package dev.sandlot.server.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages' own addresses: /p/{id} names an open project, so a reload or a bookmark
 * opens it again; /pads/{id} is a live interview and /join/{token} a pad's link. Each
 * page reads the id or token itself.
 */
@Controller
@Hidden
class PageController {

    @GetMapping("/p/{id:\\d+}")
    String project() {
        return "forward:/index.html";
    }

    @GetMapping("/pads/{id:\\d+}")
    String pad() {
        return "forward:/pad.html";
    }

    @GetMapping("/join/{token:[A-Za-z0-9_-]{1,200}}")
    String join() {
        return "forward:/join.html";
    }

}
