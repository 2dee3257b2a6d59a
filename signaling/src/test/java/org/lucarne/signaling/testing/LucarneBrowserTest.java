package org.lucarne.signaling.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.lucarne.testing.Chromium;

/**
 * A test class that gets a real Lucarne server (free ports, a temporary data directory, its own
 * development CA) and Debian's Chromium trusting that CA, both once for the class: declare
 * {@link TestServer} and {@link Chromium} parameters on test methods or lifecycle methods.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LucarneBrowserTest.Extension.class)
public @interface LucarneBrowserTest {

    /** Starts both on first use in a class; the class's store closes them after its last test. */
    final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Extension.class);

        /** Closes a resource when JUnit discards the class's store. */
        private record Closing<T extends AutoCloseable>(T resource)
                implements ExtensionContext.Store.CloseableResource {
            @Override
            public void close() throws Exception {
                resource.close();
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            Class<?> type = p.getParameter().getType();
            return type == TestServer.class || type == Chromium.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            ExtensionContext classContext = c.getRoot() == c ? c : classContext(c);
            TestServer server = server(classContext);
            if (p.getParameter().getType() == TestServer.class) {
                return server;
            }
            return classContext.getStore(NS).getOrComputeIfAbsent("chromium",
                    k -> new Closing<>(Chromium.launchTrusting(server.caCertificate())), Closing.class).resource();
        }

        private static TestServer server(ExtensionContext classContext) {
            return (TestServer) classContext.getStore(NS).getOrComputeIfAbsent("server",
                    k -> new Closing<>(TestServer.start(Map.of())), Closing.class).resource();
        }

        private static ExtensionContext classContext(ExtensionContext c) {
            ExtensionContext ctx = c;
            while (ctx.getTestMethod().isPresent() && ctx.getParent().isPresent()) {
                ctx = ctx.getParent().get();
            }
            return ctx;
        }
    }
}
