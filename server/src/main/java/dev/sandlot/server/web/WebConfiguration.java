package dev.sandlot.server.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * CORS: same-origin unless the operator lists origins in
 * {@code sandlot.cors.allowed-origins}. The pages' bundles: served precompressed (the
 * build writes .br and .gz beside each), chunks and fonts (named by content hash) cached
 * for good, the entry bundles revalidated on every load so an upgrade is seen at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration implements WebMvcConfigurer {

    private final CorsProperties cors;

    WebConfiguration(CorsProperties cors) {
        this.cors = cors;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        bundles(registry, "chunks", CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        bundles(registry, "assets", CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/app/*")
            .addResourceLocations("classpath:/static/app/")
            .setCacheControl(CacheControl.noCache())
            .resourceChain(true)
            .addResolver(new EncodedResourceResolver())
            .addResolver(new PathResourceResolver());
    }

    private static void bundles(ResourceHandlerRegistry registry, String folder, CacheControl cache) {
        registry.addResourceHandler("/app/" + folder + "/**")
            .addResourceLocations("classpath:/static/app/" + folder + "/")
            .setCacheControl(cache)
            .resourceChain(true)
            .addResolver(new EncodedResourceResolver())
            .addResolver(new PathResourceResolver());
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        var origins = cors.allowedOrigins();
        if (origins.isEmpty())
            return;
        registry.addMapping("/**")
            .allowedOrigins(origins.toArray(String[]::new))
            .allowedMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .exposedHeaders("Retry-After", "ETag", "Location");
    }

}
