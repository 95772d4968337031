package dev.sandlot.server.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Refusals that happen before Spring MVC (container, firewall, filters) are problem
 * details too.
 */
@Configuration(proxyBeanMethods = false)
class RequestHygieneConfiguration {

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> bean = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    @Bean
    FilterRegistrationBean<RequestSyntaxFilter> requestSyntax(ProblemWriter problems) {
        FilterRegistrationBean<RequestSyntaxFilter> bean = new FilterRegistrationBean<>(
                new RequestSyntaxFilter(problems));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return bean;
    }

    /**
     * Spring Security's firewall: ';', '//', encoded slashes, '..' and the like in a
     * path.
     */
    @Bean
    RequestRejectedHandler requestRejected(ProblemWriter problems) {
        return (request, response, e) -> problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "rejected-path",
                "Path refused", "The path may not contain ';', '//', encoded slashes, '..' or control characters."));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

}
