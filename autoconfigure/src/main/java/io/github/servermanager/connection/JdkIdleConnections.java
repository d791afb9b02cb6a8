package io.github.servermanager.connection;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;

/**
 * The JDK's {@code HttpClient} offers no way to close the idle connections of one client
 * to one host: its pool keeps an idle connection for
 * {@code jdk.httpclient.keepalive.timeout} seconds (1200 on Java 17), a system property
 * read once for the whole JVM. The starter does not set it behind the application's back;
 * it says once, when Spring Boot's builder picks the JDK client and the property is not
 * set, what that costs.
 */
public final class JdkIdleConnections {

	static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

	private static final Log logger = LogFactory.getLog(JdkIdleConnections.class);

	private static final AtomicBoolean told = new AtomicBoolean();

	private JdkIdleConnections() {
	}

	/**
	 * Returns the customizer of the builder behind {@code RestClient.Builder} and
	 * {@code RestTemplateBuilder}; it changes nothing.
	 * @return the customizer
	 */
	public static ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> requestFactoryBuilderCustomizer() {
		return (builder) -> {
			tellOnce();
			return builder;
		};
	}

	/**
	 * Returns the customizer of the builder behind {@code WebClient.Builder}; it changes
	 * nothing.
	 * @return the customizer
	 */
	public static ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder> connectorBuilderCustomizer() {
		return (builder) -> {
			tellOnce();
			return builder;
		};
	}

	private static void tellOnce() {
		if (System.getProperty(KEEP_ALIVE_PROPERTY) == null && told.compareAndSet(false, true)) {
			logger.info("The JDK HttpClient keeps an idle connection to every server that was ever in front for "
					+ KEEP_ALIVE_PROPERTY + " seconds (1200 by default on Java 17); the server manager cannot close "
					+ "them one host at a time. Start the JVM with -D" + KEEP_ALIVE_PROPERTY
					+ "=<seconds, e.g. 30> or use Reactor Netty or Apache HttpClient 5 to hold one connection per "
					+ "service.");
		}
	}

}
