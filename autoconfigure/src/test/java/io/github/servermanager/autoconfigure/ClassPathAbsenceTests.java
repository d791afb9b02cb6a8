package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.servermanager.loadbalancer.FrontServerLoadBalancer;
import io.github.servermanager.service.RebalanceScheduler;
import io.github.servermanager.service.ServerManagerRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter starts and manages a service with each optional library it may meet left
 * off the class path in turn: every part that touches one sits behind a condition on it.
 */
class ClassPathAbsenceTests {

	/** Spring Boot's client auto-configurations, each with the module it comes from. */
	private static final Map<Class<?>, String> BOOT_CLIENTS = Map.of(HttpClientAutoConfiguration.class,
			"org.springframework.boot.http.client", ImperativeHttpClientAutoConfiguration.class,
			"org.springframework.boot.http.client", ReactiveHttpClientAutoConfiguration.class,
			"org.springframework.boot.http.client", RestClientAutoConfiguration.class,
			"org.springframework.boot.restclient", WebClientAutoConfiguration.class,
			"org.springframework.boot.webclient");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
				SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
				LoadBalancerAutoConfiguration.class, ServerManagerAutoConfiguration.class,
				ServerManagerSchedulingAutoConfiguration.class, ServerManagerConnectionAutoConfiguration.class,
				ServerManagerRefreshAutoConfiguration.class, ServerManagerEndpointAutoConfiguration.class,
				ServerManagerHealthContributorAutoConfiguration.class, ServerManagerMetricsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=client",
				"spring.cloud.discovery.client.simple.instances.backend[0].uri=http://127.0.0.1:9001",
				"spring.cloud.discovery.client.simple.instances.backend[0].instance-id=b1",
				"spring.cloud.discovery.client.simple.instances.backend[1].uri=http://127.0.0.1:9002",
				"spring.cloud.discovery.client.simple.instances.backend[1].instance-id=b2", "server-manager.ping=none");

	@ParameterizedTest(name = "without {0}")
	@ValueSource(strings = { "org.springframework.boot.restclient", "org.springframework.boot.webclient",
			"org.springframework.web.reactive", "org.springframework.web.servlet", "reactor.netty",
			"org.springframework.boot.http.client", "org.apache.hc", "org.eclipse.jetty", "org.springframework.retry",
			"org.springframework.boot.actuate", "org.springframework.boot.health", "io.micrometer",
			"org.springframework.cloud.context", "org.springframework.boot.ssl", "org.springframework.cloud.netflix",
			"org.springframework.cloud.zookeeper", "org.springframework.cloud.consul",
			"org.springframework.cloud.kubernetes" })
	void startsAndManagesAServiceWithout(String absentPackage) {
		// A module that is absent brings no auto-configuration, and Spring Boot's client
		// modules build on its HTTP client module.
		Class<?>[] bootClients = BOOT_CLIENTS.entrySet()
			.stream()
			.filter((client) -> !client.getValue().startsWith(absentPackage)
					&& !(absentPackage.equals("org.springframework.boot.http.client")))
			.map(Map.Entry::getKey)
			.toArray(Class<?>[]::new);
		this.runner.withConfiguration(AutoConfigurations.of(bootClients))
			.withClassLoader(new FilteredClassLoader(absentPackage))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(ServerManagerRegistry.class)
					.hasSingleBean(RebalanceScheduler.class);
				ReactorServiceInstanceLoadBalancer balancer = context.getBean(LoadBalancerClientFactory.class)
					.getInstance("backend", ReactorServiceInstanceLoadBalancer.class);
				assertThat(balancer).isInstanceOf(FrontServerLoadBalancer.class);
				Response<ServiceInstance> chosen = balancer.choose(new DefaultRequest<>()).block(Duration.ofSeconds(5));
				assertThat(chosen.hasServer()).isTrue();
				assertThat(context.getBean(ServerManagerRegistry.class).find("backend")).isPresent();
			});
	}

}
