package org.lucarne.bridge.srtp;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jitsi-srtp uses its bundled OpenSSL library when it loads and falls back to the JDK's JCA
 * otherwise (no libcrypto, a foreign architecture). The other tests cover whichever loaded here;
 * this one hides the native library from a separate class loader so the fallback is tested too.
 */
class SrtpJavaBackendTest {

    @Test
    void pureJavaFallbackWorksAndProducesTheSameBytesAsThisJvmsBackend() throws Exception {
        List<String> isolatedLines;
        try (URLClassLoader isolated = new NoJitsiNativeClassLoader(testClassPath())) {
            Class<?> probe = isolated.loadClass(JavaBackendProbe.class.getName());
            assertEquals(isolated, probe.getClassLoader(), "probe must run in the isolated loader");
            @SuppressWarnings("unchecked")
            List<String> lines = (List<String>) probe.getMethod("run").invoke(null);
            isolatedLines = lines;
        }
        List<String> here = JavaBackendProbe.run();

        assertEquals("backend=Java (JCA)", isolatedLines.get(0));
        assertEquals(3, isolatedLines.size());
        for (String line : isolatedLines.subList(1, 3)) {
            assertTrue(line.contains(" rtp=true replay=REPLAYED tamper=AUTH_FAILED rtcp=true "), line);
        }
        // Same keys, same packets: same SRTP and SRTCP bytes from either backend.
        assertEquals(here.subList(1, 3), isolatedLines.subList(1, 3), "native: " + here.get(0));
    }

    private static URL[] testClassPath() throws MalformedURLException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    /** Loads everything itself (child first, apart from the JDK) and hides libjitsisrtp_*. */
    private static final class NoJitsiNativeClassLoader extends URLClassLoader {
        NoJitsiNativeClassLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        public URL findResource(String name) {
            return name.contains("jitsisrtp") ? null : super.findResource(name);
        }

        @Override
        public Enumeration<URL> findResources(String name) throws IOException {
            return name.contains("jitsisrtp") ? Collections.emptyEnumeration() : super.findResources(name);
        }
    }
}
