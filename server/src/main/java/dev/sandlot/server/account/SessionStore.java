package dev.sandlot.server.account;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Browser sessions live in the database (Spring Session JDBC, tables from Flyway), so a
 * restart signs nobody out. Their attributes are Java-serialised: the security context
 * (an {@link AccountPrincipal}: id, name, role, epoch) and the CSRF token. An attribute
 * that no longer reads back, say a Spring Security class whose serial version changed in
 * an upgrade, reads as absent: that browser is signed out, rather than every one of its
 * requests failing until the session expires.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> forgivingSessionAttributes() {
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class,
                new ForgivingDeserializer(SessionStore.class.getClassLoader()));
        return repository -> repository.setConversionService(conversions);
    }

    /** Reads a stored attribute back, or null when it no longer can be. */
    static final class ForgivingDeserializer implements Converter<byte[], Object> {

        private final DeserializingConverter delegate;

        private final AtomicBoolean warned = new AtomicBoolean();

        ForgivingDeserializer(ClassLoader classLoader) {
            this.delegate = new DeserializingConverter(classLoader);
        }

        @Override
        public Object convert(byte[] stored) {
            try {
                return delegate.convert(stored);
            }
            catch (SerializationFailedException e) {
                // After an upgrade every old session does this, on every request: say it
                // once.
                if (warned.compareAndSet(false, true))
                    log.warn("A stored session attribute no longer reads back ({}); such attributes are dropped,"
                            + " signing those browsers out (logged once)", e.getMessage());
                else
                    log.debug("A stored session attribute no longer reads back; dropped", e);
                return null;
            }
        }

    }

}
