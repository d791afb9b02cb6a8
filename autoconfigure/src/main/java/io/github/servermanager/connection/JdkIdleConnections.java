package io.github.servermanager.connection;

import java.net.http.HttpClient;
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
 * read once for the whole JVM. The starter sets that property while the environment is
 * prepared ({@code server-manager.jdk-http-client.keep-alive-timeout}); when it is still
 * unset as Spring Boot's builder picks the JDK client, that key was {@code 0}, and this
 * says once what that costs.
 */
public final class JdkIdleConnections
		implements ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder>,
		ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder> {

	static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

	private static final Log logger = LogFactory.getLog(JdkIdleConnections.class);

	private static final AtomicBoolean told = new AtomicBoolean();

	/**
	 * Creates the customizer.
	 */
	public JdkIdleConnections() {
	}

	/**
	 * Marks each client of the builder behind {@code RestClient.Builder} as one that does
	 * not report the servers it sends to.
	 */
	@Override
	public JdkClientHttpRequestFactoryBuilder customize(JdkClientHttpRequestFactoryBuilder builder) {
		tellOnce();
		return builder.withHttpClientCustomizer(JdkIdleConnections::notObserved);
	}

	/**
	 * Marks each client of the builder behind {@code WebClient.Builder} as one that does
	 * not report the servers it sends to.
	 */
	@Override
	public JdkClientHttpConnectorBuilder customize(JdkClientHttpConnectorBuilder builder) {
		tellOnce();
		return builder.withHttpClientCustomizer(JdkIdleConnections::notObserved);
	}

	/**
	 * The JDK client has no hook that sees each request's server without replacing one of
	 * the application's.
	 */
	private static void notObserved(HttpClient.Builder builder) {
		SentRequests.clientBeingBuiltIsNotObserved();
	}

	private static void tellOnce() {
		if (System.getProperty(KEEP_ALIVE_PROPERTY) == null && told.compareAndSet(false, true)) {
			logger.info("The JDK HttpClient keeps an idle connection to every server that was ever in front for "
					+ KEEP_ALIVE_PROPERTY + " seconds (1200 by default on Java 17); the server manager cannot close "
					+ "them one host at a time. Leave server-manager.jdk-http-client.keep-alive-timeout unset (or "
					+ "set it to a duration), start the JVM with -D" + KEEP_ALIVE_PROPERTY
					+ "=<seconds>, or use Reactor Netty or Apache HttpClient 5 to hold one connection per service.");
		}
	}

}
