package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.servermanager.connection.CalledServices;
import io.github.servermanager.connection.CapturedClients;
import io.github.servermanager.connection.CapturedConnectors;
import io.github.servermanager.connection.ClientPings;
import io.github.servermanager.connection.ConnectionPools;
import io.github.servermanager.connection.HttpComponentsAsyncIdleConnections;
import io.github.servermanager.connection.HttpComponentsIdleConnections;
import io.github.servermanager.connection.IdleConnectionReaper;
import io.github.servermanager.connection.JdkIdleConnections;
import io.github.servermanager.connection.JettyIdleConnections;
import io.github.servermanager.connection.ReactorNettyIdleConnections;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each condition of the idle-connection auto-configuration, one per test.
 */
class ServerManagerConnectionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
				SimpleDiscoveryClientAutoConfiguration.class, LoadBalancerAutoConfiguration.class,
				ServerManagerAutoConfiguration.class, ServerManagerConnectionAutoConfiguration.class))
		.withPropertyValues("spring.application.name=client", "server-manager.ping=none");

	@Test
	void registersTheReaperAndOneCustomizerPerLibraryOnTheClassPath() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ConnectionPools.class)
			.hasSingleBean(IdleConnectionReaper.class)
			.hasSingleBean(ReactorNettyIdleConnections.class)
			.hasSingleBean(HttpComponentsIdleConnections.class)
			.hasSingleBean(JettyIdleConnections.class)
			.hasSingleBean(JdkIdleConnections.class));
	}

	@Test
	void eachLibrarysBeanIsTheCustomizerOfSpringBootsBuildersForIt() {
		this.runner.withPropertyValues("server-manager.ping-through-client=false").run((context) -> {
			assertThat(context.getBeansOfType(ClientHttpRequestFactoryBuilderCustomizer.class)).hasSize(4);
			assertThat(context.getBeansOfType(ClientHttpConnectorBuilderCustomizer.class).values()).hasSize(4)
				.hasAtLeastOneElementOfType(ReactorNettyIdleConnections.class)
				.hasAtLeastOneElementOfType(HttpComponentsAsyncIdleConnections.class)
				.hasOnlyElementsOfTypes(ReactorNettyIdleConnections.class, JettyIdleConnections.class,
						HttpComponentsAsyncIdleConnections.class, JdkIdleConnections.class);
		});
	}

	@Test
	void pingsGoThroughTheClientByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ClientPings.class)
				.hasSingleBean(CapturedConnectors.class)
				.hasSingleBean(CalledServices.class);
			assertThat(context.getBeansOfType(ClientHttpRequestFactoryBuilderCustomizer.class).values()).hasSize(5)
				.hasAtLeastOneElementOfType(CapturedClients.class);
		});
	}

	@Test
	void pingsKeepSocketsOfTheirOwnWhenSwitchedOff() {
		this.runner.withPropertyValues("server-manager.ping-through-client=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientPings.class)
				.doesNotHaveBean(CapturedClients.class)
				.doesNotHaveBean(CapturedConnectors.class)
				.doesNotHaveBean(CalledServices.class));
	}

	@Test
	void configuresNothingWhenTheStarterIsSwitchedOff() {
		this.runner.withPropertyValues("server-manager.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionPools.class)
				.doesNotHaveBean(IdleConnectionReaper.class));
	}

	@Test
	void leavesApacheHttpClientAsyncOutWithoutItsReactiveModule() {
		this.runner.withClassLoader(new FilteredClassLoader("org.apache.hc.core5.reactive"))
			.run((context) -> assertThat(context).hasSingleBean(HttpComponentsIdleConnections.class)
				.doesNotHaveBean(HttpComponentsAsyncIdleConnections.class));
	}

	@Test
	void leavesApacheHttpClientOutWhenItIsNotOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader(PoolingHttpClientConnectionManager.class))
			.run((context) -> assertThat(context).hasSingleBean(IdleConnectionReaper.class)
				.doesNotHaveBean(HttpComponentsIdleConnections.class));
	}

	@Test
	void leavesReactorNettyOutWhenItIsNotOnTheClassPath() {
		this.runner.withClassLoader(new FilteredClassLoader("reactor.netty"))
			.run((context) -> assertThat(context).hasSingleBean(IdleConnectionReaper.class)
				.doesNotHaveBean(ReactorNettyIdleConnections.class));
	}

	@Test
	void configuresNothingWithoutSpringBootsHttpClientBuilders() {
		this.runner.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.run((context) -> assertThat(context).hasSingleBean(ServerManagerSettings.class)
				.doesNotHaveBean(IdleConnectionReaper.class));
	}

	@Test
	void aUserReaperReplacesOurs() {
		this.runner
			.withBean("myReaper", IdleConnectionReaper.class,
					() -> new IdleConnectionReaper(new ConnectionPools(), List::of, (serviceId) -> false,
							Duration.ofSeconds(1)))
			.run((context) -> assertThat(context).hasSingleBean(IdleConnectionReaper.class).hasBean("myReaper"));
	}

}
