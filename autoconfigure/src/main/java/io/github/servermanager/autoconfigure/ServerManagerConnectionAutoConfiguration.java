package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.eclipse.jetty.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Bounds how long the pooled connections of the HTTP clients that Spring Boot's builders
 * make ({@code RestClient.Builder}, {@code RestTemplateBuilder},
 * {@code WebClient.Builder} with the {@code WebClientCustomizer}s) stay idle, through
 * each library's own public setting, as Consul's connection pool reaps idle connections:
 * once a rebalance moves the front, the client's connection to the former front closes
 * after {@code connection-max-idle-time} instead of staying open. Clients the application
 * makes by hand, and the libraries' global pools, are left alone.
 * <p>
 * Each library is configured in a class of its own, loaded only when the library is on
 * the class path.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class)
@ConditionalOnBean(ServerManagerRegistry.class)
@ConditionalOnClass(name = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
public class ServerManagerConnectionAutoConfiguration {

	/**
	 * After Spring Boot's own customizers (order 0), which set the Reactor resources the
	 * Reactor Netty customizers build on, and before the application's unordered ones.
	 */
	static final int CUSTOMIZER_ORDER = 100;

	private static final Log logger = LogFactory.getLog(ServerManagerConnectionAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.hc.client5.http.impl.classic.HttpClientBuilder")
	static class HttpComponentsConfiguration {

		/*
		 * Apache's own evictor thread closes connections idle for longer than the bound;
		 * it stops when the client is closed.
		 */
		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "serverManagerHttpComponentsIdleConnections")
		ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> serverManagerHttpComponentsIdleConnections(
				ServerManagerProperties properties) {
			Duration maxIdle = properties.connectionMaxIdleTime();
			return (builder) -> maxIdle.isZero() ? builder
					: builder.withHttpClientCustomizer((client) -> evictIdle(client, maxIdle));
		}

		private static void evictIdle(HttpClientBuilder client, Duration maxIdle) {
			client.evictIdleConnections(TimeValue.of(maxIdle.toMillis(), TimeUnit.MILLISECONDS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder",
			"org.springframework.http.client.reactive.HttpComponentsClientHttpConnector",
			"org.apache.hc.core5.reactive.ReactiveResponseConsumer", "reactor.core.publisher.Mono" })
	static class HttpComponentsAsyncConfiguration {

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "serverManagerHttpComponentsAsyncIdleConnections")
		ClientHttpConnectorBuilderCustomizer<HttpComponentsClientHttpConnectorBuilder> serverManagerHttpComponentsAsyncIdleConnections(
				ServerManagerProperties properties) {
			Duration maxIdle = properties.connectionMaxIdleTime();
			return (builder) -> maxIdle.isZero() ? builder
					: builder.withHttpClientCustomizer((client) -> evictIdle(client, maxIdle));
		}

		private static void evictIdle(HttpAsyncClientBuilder client, Duration maxIdle) {
			client.evictIdleConnections(TimeValue.of(maxIdle.toMillis(), TimeUnit.MILLISECONDS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
	static class ReactorNettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorNettyConnections serverManagerReactorNettyConnections(ServerManagerProperties properties,
				ServerManagerExecutor executor, ObjectProvider<ReactorResourceFactory> resourceFactory) {
			return new ReactorNettyConnections(properties.connectionMaxIdleTime(), executor.scheduler(),
					resourceFactory::getIfAvailable);
		}

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "serverManagerReactorIdleConnections")
		@ConditionalOnClass(name = "org.springframework.http.client.ReactorClientHttpRequestFactory")
		ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> serverManagerReactorIdleConnections(
				ReactorNettyConnections connections) {
			return (builder) -> connections.isBounded() ? builder.withHttpClientFactory(connections::newClient)
					: builder;
		}

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "serverManagerReactorConnectorIdleConnections")
		@ConditionalOnClass(name = "org.springframework.http.client.reactive.ReactorClientHttpConnector")
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> serverManagerReactorConnectorIdleConnections(
				ReactorNettyConnections connections) {
			return (builder) -> connections.isBounded() ? builder.withHttpClientFactory(connections::newClient)
					: builder;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.eclipse.jetty.client.HttpClient")
	static class JettyConfiguration {

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "serverManagerJettyIdleConnections")
		ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder> serverManagerJettyIdleConnections(
				ServerManagerProperties properties) {
			Duration maxIdle = properties.connectionMaxIdleTime();
			return (builder) -> maxIdle.isZero() ? builder
					: builder.withHttpClientCustomizer((client) -> lowerIdleTimeout(client, maxIdle));
		}

		@Bean
		@Order(CUSTOMIZER_ORDER)
		@ConditionalOnMissingBean(name = "serverManagerJettyConnectorIdleConnections")
		@ConditionalOnClass(name = { "org.springframework.http.client.reactive.JettyClientHttpConnector",
				"org.eclipse.jetty.reactive.client.ReactiveRequest" })
		ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder> serverManagerJettyConnectorIdleConnections(
				ServerManagerProperties properties) {
			Duration maxIdle = properties.connectionMaxIdleTime();
			return (builder) -> maxIdle.isZero() ? builder
					: builder.withHttpClientCustomizer((client) -> lowerIdleTimeout(client, maxIdle));
		}

		/*
		 * Jetty's idle timeout also ends a request that sees no byte for that long, so it
		 * is only ever lowered, never raised.
		 */
		private static void lowerIdleTimeout(HttpClient client, Duration maxIdle) {
			long current = client.getIdleTimeout();
			if (current <= 0 || current > maxIdle.toMillis()) {
				client.setIdleTimeout(maxIdle.toMillis());
			}
		}

	}

	/*
	 * The JDK client has no per-client idle setting: its keep-alive is the JVM-wide
	 * jdk.httpclient.keepalive.timeout, which only an operator may set. Say so once.
	 */
	@Configuration(proxyBeanMethods = false)
	static class JdkConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "serverManagerJdkIdleConnections")
		ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> serverManagerJdkIdleConnections(
				ServerManagerProperties properties) {
			AtomicBoolean logged = new AtomicBoolean();
			Duration maxIdle = properties.connectionMaxIdleTime();
			return (builder) -> {
				if (!maxIdle.isZero() && System.getProperty("jdk.httpclient.keepalive.timeout") == null
						&& logged.compareAndSet(false, true)) {
					logger.info("A client on the JDK HttpClient keeps idle connections, to former front servers too, "
							+ "for the JVM's keep-alive timeout (1200 s on Java 17, 30 s from Java 20); "
							+ "start the JVM with -Djdk.httpclient.keepalive.timeout="
							+ Math.max(1, maxIdle.toSeconds()) + " to close them as the other HTTP clients do");
				}
				return builder;
			};
		}

	}

}
