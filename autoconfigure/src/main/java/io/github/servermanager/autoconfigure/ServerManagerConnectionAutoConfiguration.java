package io.github.servermanager.autoconfigure;

import io.github.servermanager.connection.ConnectionPools;
import io.github.servermanager.connection.HttpComponentsIdleConnections;
import io.github.servermanager.connection.IdleConnectionReaper;
import io.github.servermanager.connection.JdkIdleConnections;
import io.github.servermanager.connection.JettyIdleConnections;
import io.github.servermanager.connection.ReactorNettyIdleConnections;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;

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
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closes the pooled idle connections of the clients built from Spring Boot's HTTP client
 * builders to a server once it is no longer the front of any service, so that a client
 * holds one connection per service rather than one to every server that was ever in
 * front. Each client library is configured only when it is on the class path.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class)
@ConditionalOnBean(ServerManagerRegistry.class)
@ConditionalOnClass(name = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
	static class ReactorNettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorNettyIdleConnections serverManagerReactorNettyIdleConnections(ConnectionPools pools) {
			return new ReactorNettyIdleConnections(pools);
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.http.client.reactive.ReactorClientHttpConnector")
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> serverManagerReactorConnectorBuilderCustomizer(
				ReactorNettyIdleConnections idleConnections) {
			return idleConnections.connectorBuilderCustomizer();
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.http.client.ReactorClientHttpRequestFactory")
		ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> serverManagerReactorRequestFactoryBuilderCustomizer(
				ReactorNettyIdleConnections idleConnections) {
			return idleConnections.requestFactoryBuilderCustomizer();
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

		@Bean
		@ConditionalOnClass(name = "org.springframework.http.client.JettyClientHttpRequestFactory")
		ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder> serverManagerJettyRequestFactoryBuilderCustomizer(
				JettyIdleConnections idleConnections) {
			return idleConnections.requestFactoryBuilderCustomizer();
		}

		@Bean
		@ConditionalOnClass(name = "org.eclipse.jetty.reactive.client.ReactiveRequest")
		ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder> serverManagerJettyConnectorBuilderCustomizer(
				JettyIdleConnections idleConnections) {
			return idleConnections.connectorBuilderCustomizer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JdkConfiguration {

		@Bean
		ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> serverManagerJdkRequestFactoryBuilderCustomizer() {
			return JdkIdleConnections.requestFactoryBuilderCustomizer();
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.http.client.reactive.JdkClientHttpConnector")
		ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder> serverManagerJdkConnectorBuilderCustomizer() {
			return JdkIdleConnections.connectorBuilderCustomizer();
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

		@Bean
		ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> serverManagerHttpComponentsRequestFactoryBuilderCustomizer(
				HttpComponentsIdleConnections idleConnections) {
			return idleConnections.requestFactoryBuilderCustomizer();
		}

	}

}
