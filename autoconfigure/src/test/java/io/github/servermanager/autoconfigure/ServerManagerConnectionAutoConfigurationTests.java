package io.github.servermanager.autoconfigure;

import java.time.Duration;

import io.github.servermanager.service.ServerManagerExecutor;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each condition of the idle-bound auto-configuration, one per test.
 */
class ServerManagerConnectionAutoConfigurationTests {

	private static final String[] HTTP_COMPONENTS = { "serverManagerHttpComponentsIdleConnections",
			"serverManagerHttpComponentsAsyncIdleConnections" };

	private static final String[] REACTOR = { "serverManagerReactorNettyConnections",
			"serverManagerReactorIdleConnections", "serverManagerReactorConnectorIdleConnections" };

	private static final String[] JETTY = { "serverManagerJettyIdleConnections",
			"serverManagerJettyConnectorIdleConnections" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
				SimpleDiscoveryClientAutoConfiguration.class, LoadBalancerAutoConfiguration.class,
				ServerManagerAutoConfiguration.class, ServerManagerConnectionAutoConfiguration.class))
		.withPropertyValues("spring.application.name=client", "server-manager.ping=none");

	@Test
	void boundsEveryLibraryOnTheClassPath() {
		this.runner.run((context) -> assertThat(context).hasBean(HTTP_COMPONENTS[0])
			.hasBean(HTTP_COMPONENTS[1])
			.hasBean(REACTOR[0])
			.hasBean(REACTOR[1])
			.hasBean(REACTOR[2])
			.hasBean(JETTY[0])
			.hasBean(JETTY[1])
			.hasBean("serverManagerJdkIdleConnections"));
	}

	@Test
	void withoutApacheHttpClientLeavesItOut() {
		this.runner.withClassLoader(new FilteredClassLoader("org.apache.hc.client5"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HTTP_COMPONENTS[0])
				.doesNotHaveBean(HTTP_COMPONENTS[1])
				.hasBean(REACTOR[0]));
	}

	@Test
	void withoutApacheReactiveStreamsLeavesOnlyTheAsyncClientOut() {
		this.runner.withClassLoader(new FilteredClassLoader("org.apache.hc.core5.reactive"))
			.run((context) -> assertThat(context).hasBean(HTTP_COMPONENTS[0]).doesNotHaveBean(HTTP_COMPONENTS[1]));
	}

	@Test
	void withoutReactorNettyLeavesItOut() {
		this.runner.withClassLoader(new FilteredClassLoader("reactor.netty"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(REACTOR[0])
				.doesNotHaveBean(REACTOR[1])
				.doesNotHaveBean(REACTOR[2])
				.hasBean(JETTY[0]));
	}

	@Test
	void withoutJettyLeavesItOut() {
		this.runner.withClassLoader(new FilteredClassLoader("org.eclipse.jetty"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(JETTY[0])
				.doesNotHaveBean(JETTY[1])
				.hasBean(HTTP_COMPONENTS[0]));
	}

	@Test
	void withoutSpringBootsHttpClientModuleConfiguresNothing() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ServerManagerConnectionAutoConfiguration.class)
				.hasSingleBean(ServerManagerProperties.class));
	}

	@Test
	void defaultBoundIsAQuarterOfMinReuse() {
		this.runner.withPropertyValues("server-manager.min-reuse=2m")
			.run((context) -> assertThat(context.getBean(ServerManagerProperties.class).connectionMaxIdleTime())
				.isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void reactorNettyPoolHasTheBoundAndClosingItLeavesTheTimerRunning() throws Exception {
		try (ServerManagerExecutor executor = new ServerManagerExecutor(1)) {
			ReactorNettyConnections connections = new ReactorNettyConnections(Duration.ofSeconds(7),
					executor.scheduler(), () -> null);
			ConnectionProvider provider = connections.provider();
			assertThat(provider.name()).isEqualTo("server-manager");
			assertThat(provider.mutate()).isNotNull();
			connections.destroy();
			assertThat(provider.isDisposed()).isTrue();
			assertThat(executor.scheduler().isShutdown()).isFalse();
			assertThat(executor.scheduler().submit(() -> "still running").get()).isEqualTo("still running");
		}
	}

	@Test
	void reactorNettyConnectionsWithAZeroBoundAreUnbounded() {
		try (ServerManagerExecutor executor = new ServerManagerExecutor(1)) {
			assertThat(new ReactorNettyConnections(Duration.ZERO, executor.scheduler(), () -> null).isBounded())
				.isFalse();
		}
	}

}
