package io.github.servermanager.autoconfigure;

import java.util.List;

import io.github.servermanager.connection.CalledServices;
import io.github.servermanager.connection.CapturedClients;
import io.github.servermanager.connection.CapturedConnectors;
import io.github.servermanager.connection.ClientPings;
import io.github.servermanager.connection.ConnectionPools;
import io.github.servermanager.connection.HttpComponentsAsyncIdleConnections;
import io.github.servermanager.connection.HttpComponentsIdleConnections;
import io.github.servermanager.connection.HttpComponentsRuntimeHints;
import io.github.servermanager.connection.IdleConnectionReaper;
import io.github.servermanager.connection.JdkIdleConnections;
import io.github.servermanager.connection.JettyIdleConnections;
import io.github.servermanager.connection.ReactorNettyIdleConnections;
import io.github.servermanager.connection.ServerAddress;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * Closes the pooled idle connections of the clients built from Spring Boot's HTTP client
 * builders to a server once it is no longer the front of any service, so that a client
 * holds one connection per service rather than one to every server that was ever in
 * front. Each client library is configured only when it is on the class path.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class)
@ConditionalOnBean(ServerManagerRegistry.class)
@ConditionalOnClass(name = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
@ImportRuntimeHints(HttpComponentsRuntimeHints.class)
public class ServerManagerConnectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ConnectionPools serverManagerConnectionPools() {
		return new ConnectionPools();
	}

	@Bean
	@ConditionalOnMissingBean
	public IdleConnectionReaper serverManagerIdleConnectionReaper(ConnectionPools pools, ServerManagerRegistry registry,
			ServerManagerSettings settings) {
		return new IdleConnectionReaper(pools, registry::services, settings::closeIdleConnections,
				settings.idleConnectionGrace());
	}

	/*
	 * HTTP pings through the application's own client, so that the connection a ping
	 * opens is the one the client reuses, as Consul's pooled ping is.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ServerManagerProperties.PREFIX + ".ping-through-client", matchIfMissing = true)
	static class PingThroughClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CapturedClients serverManagerCapturedClients() {
			return new CapturedClients();
		}

		@Bean
		@ConditionalOnMissingBean
		ClientPings serverManagerClientPings(CapturedClients clients, IdleConnectionReaper reaper,
				ServerManagerRegistry registry) {
			return new ClientPings(clients, reaper,
					(serviceId) -> registry.find(serviceId)
						.map((service) -> service.manager().servers().stream().map(ServerAddress::of).toList())
						.orElseGet(List::of));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnClass(name = { "reactor.core.publisher.Mono",
				"org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder" })
		CapturedConnectors serverManagerCapturedConnectors(CapturedClients clients) {
			return new CapturedConnectors(clients);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
		CalledServices serverManagerCalledServices() {
			return new CalledServices();
		}

	}

	/*
	 * One bean per client library, each both the register of that library's pools and the
	 * customizer of Spring Boot's builders for it (request factory and connector alike).
	 * The nested classes keep a library's types from being loaded when it is absent.
	 */

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
	static class ReactorNettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorNettyIdleConnections serverManagerReactorNettyIdleConnections(ConnectionPools pools) {
			return new ReactorNettyIdleConnections(pools);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.eclipse.jetty.client.HttpClient")
	static class JettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettyIdleConnections serverManagerJettyIdleConnections(ConnectionPools pools) {
			return new JettyIdleConnections(pools);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager")
	static class HttpComponentsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HttpComponentsIdleConnections serverManagerHttpComponentsIdleConnections(ConnectionPools pools,
				ServerManagerSettings settings) {
			return new HttpComponentsIdleConnections(pools, settings.idleConnectionGrace());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager",
			"org.apache.hc.core5.reactive.ReactiveResponseConsumer", "reactor.core.publisher.Mono" })
	static class HttpComponentsAsyncConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HttpComponentsAsyncIdleConnections serverManagerHttpComponentsAsyncIdleConnections(ConnectionPools pools,
				ServerManagerSettings settings) {
			return new HttpComponentsAsyncIdleConnections(pools, settings.idleConnectionGrace());
		}

	}

	@Bean
	@ConditionalOnMissingBean
	JdkIdleConnections serverManagerJdkIdleConnections() {
		return new JdkIdleConnections();
	}

}
