package io.github.servermanager.autoconfigure;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.servermanager.core.Pinger;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.core.RebalanceSpread;
import io.github.servermanager.service.FailureReason;
import io.github.servermanager.loadbalancer.FrontServerLoadBalancer;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.RebalanceScheduler;
import io.github.servermanager.loadbalancer.ServerManagerLoadBalancerLifecycle;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.RetryAwareServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each condition and each override of the auto-configuration, one per test. Service
 * contexts are created through the real {@link LoadBalancerClientFactory}, as the first
 * request to a service would.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerManagerAutoConfigurationTests {

	private static final String SERVICE = "backend";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
				SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
				LoadBalancerAutoConfiguration.class, ServerManagerAutoConfiguration.class,
				ServerManagerSchedulingAutoConfiguration.class, ServerManagerRefreshAutoConfiguration.class))
		.withPropertyValues("spring.application.name=client",
				"spring.cloud.discovery.client.simple.instances.backend[0].uri=http://127.0.0.1:9001",
				"spring.cloud.discovery.client.simple.instances.backend[0].instance-id=b1",
				"spring.cloud.discovery.client.simple.instances.backend[1].uri=http://127.0.0.1:9002",
				"spring.cloud.discovery.client.simple.instances.backend[1].instance-id=b2",
				"spring.cloud.discovery.client.simple.instances.other[0].uri=http://127.0.0.1:9003",
				"server-manager.ping=none");

	@Test
	void registersTheRegistrySettingsAndSchedulerWithoutEnablingSpringsScheduling() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ServerManagerRegistry.class)
				.hasSingleBean(ServerManagerProperties.class)
				.hasSingleBean(RebalanceScheduler.class)
				.doesNotHaveBean(ScheduledAnnotationBeanPostProcessor.class);
			assertThat(specificationNames(context))
				.contains("default." + ServerManagerAutoConfiguration.class.getName());
		});
	}

	@Test
	void everyServiceGetsTheFrontServerBalancerSupplierAndLifecycle() {
		this.runner.run((context) -> {
			LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
			assertThat(factory.getInstance(SERVICE)).isInstanceOf(FrontServerLoadBalancer.class);
			assertThat(factory.getInstance("other")).isInstanceOf(FrontServerLoadBalancer.class);
			assertThat(factory.getInstances(SERVICE, LoadBalancerLifecycle.class)).values()
				.hasAtLeastOneElementOfType(ServerManagerLoadBalancerLifecycle.class);
			assertThat(factory.getInstance(SERVICE, ServerManagerServiceInstanceListSupplier.class)).isNotNull();
		});
	}

	@Test
	void lifecycleTellsObserverBeansOfFailureReportsThatMatchNoServer() {
		List<String> unmatched = new CopyOnWriteArrayList<>();
		ServerManagerObserver observer = new ServerManagerObserver() {

			@Override
			public void unmatchedFailure(String serviceId, ServiceInstance reported, FailureReason reason) {
				unmatched.add(serviceId + " " + reported.getPort() + " " + reason);
			}

		};
		this.runner.withBean(ServerManagerObserver.class, () -> observer).run((context) -> {
			LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
			factory.getInstance(SERVICE);
			ServerManagerLoadBalancerLifecycle lifecycle = factory.getInstance(SERVICE,
					ServerManagerLoadBalancerLifecycle.class);
			ServiceInstance stranger = new DefaultServiceInstance(null, SERVICE, "127.0.0.1", 9999, false);
			lifecycle.onComplete(new CompletionContext<>(CompletionContext.Status.FAILED,
					new ConnectException("refused"), new DefaultRequest<>(), new DefaultResponse(stranger)));
			assertThat(unmatched).containsExactly(SERVICE + " 9999 EXCEPTION");
		});
	}

	@Test
	void disabledLeavesSpringDefaultsUntouched() {
		this.runner.withPropertyValues("server-manager.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ServerManagerRegistry.class)
				.doesNotHaveBean(RebalanceScheduler.class)
				.doesNotHaveBean(ScheduledAnnotationBeanPostProcessor.class);
			assertThat(specificationNames(context))
				.doesNotContain("default." + ServerManagerAutoConfiguration.class.getName());
			assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance(SERVICE))
				.isInstanceOf(RoundRobinLoadBalancer.class);
		});
	}

	@Test
	void serviceDisabledKeepsRoundRobinWhileOthersAreManaged() {
		this.runner.withPropertyValues("server-manager.services.backend.enabled=false").run((context) -> {
			LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
			assertThat(factory.getInstance(SERVICE)).isInstanceOf(RoundRobinLoadBalancer.class);
			assertThat(factory.getInstance("other")).isInstanceOf(FrontServerLoadBalancer.class);
			assertThat(context.getBean(ServerManagerRegistry.class).find(SERVICE)).isEmpty();
		});
	}

	@Test
	void withoutALoadBalancerFactoryNothingIsConfigured() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServerManagerAutoConfiguration.class,
					ServerManagerSchedulingAutoConfiguration.class, ServerManagerRefreshAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerRegistry.class)
				.doesNotHaveBean(RebalanceScheduler.class));
	}

	@Test
	void schedulingDisabledRegistersNoTickAndDoesNotEnableScheduling() {
		this.runner.withPropertyValues("server-manager.scheduling.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ServerManagerRegistry.class)
				.doesNotHaveBean(RebalanceScheduler.class)
				.doesNotHaveBean(ScheduledAnnotationBeanPostProcessor.class);
		});
	}

	@Test
	void environmentChangeListenerNeedsSpringCloudContext() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ServerManagerEnvironmentChangeListener.class));
		this.runner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
			.run((context) -> assertThat(context).hasSingleBean(ServerManagerRegistry.class)
				.doesNotHaveBean(ServerManagerEnvironmentChangeListener.class));
	}

	@Test
	void userRegistryReplacesTheAutoConfiguredOne() {
		this.runner.withBean("myRegistry", ServerManagerRegistry.class, ServerManagerRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(ServerManagerRegistry.class).hasBean("myRegistry"));
	}

	@Test
	void userSupplierFromLoadBalancerClientConfigurationWinsAndTheServiceIsSaidToBeUnmanaged(CapturedOutput output) {
		this.runner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
			assertThat(factory.getInstance(SERVICE)).isInstanceOf(RoundRobinLoadBalancer.class);
			assertThat(factory.getInstance(SERVICE, ServiceInstanceListSupplier.class).getServiceId())
				.isEqualTo("user-supplier");
			assertThat(factory.getInstance("other")).isInstanceOf(FrontServerLoadBalancer.class);
			assertThat(output).containsOnlyOnce("Service '" + SERVICE + "' is not managed by server-manager")
				.doesNotContain("Service 'other' is not managed");
		});
	}

	@Test
	void retryAwareSupplierWrapsTheServerManagerSupplier() {
		// spring-retry is on the test class path and retry is on by default.
		this.runner.run((context) -> {
			ServiceInstanceListSupplier primary = context.getBean(LoadBalancerClientFactory.class)
				.getInstance(SERVICE, ServiceInstanceListSupplier.class);
			assertThat(primary).isInstanceOf(RetryAwareServiceInstanceListSupplier.class);
			assertThat(((RetryAwareServiceInstanceListSupplier) primary).getDelegate())
				.isInstanceOf(ServerManagerServiceInstanceListSupplier.class);
		});
	}

	@Test
	void defaultsApplyToEveryService() {
		this.runner.run((context) -> {
			ManagedService service = managed(context, SERVICE);
			assertThat(service.manager().minReuse()).isEqualTo(Duration.ofMinutes(2));
			assertThat(service.settings().failureStatuses()).containsExactlyInAnyOrder(502, 503, 504);
			assertThat(service.settings().spread()).isEqualTo(RebalanceSpread.SPREAD);
			assertThat(service.settings().rearmOnMembershipChange()).isTrue();
		});
	}

	@Test
	void globalKeysChangeTheDefaults() {
		this.runner
			.withPropertyValues("server-manager.min-reuse=45s", "server-manager.failure-statuses=500",
					"server-manager.failover-check=false")
			.run((context) -> {
				ManagedService service = managed(context, SERVICE);
				assertThat(service.manager().minReuse()).isEqualTo(Duration.ofSeconds(45));
				assertThat(service.settings().failureStatuses()).containsExactly(500);
				assertThat(service.settings().failoverCheckWait()).isZero();
			});
	}

	@Test
	void serviceKeysOverrideTheDefaultsForThatServiceOnly() {
		this.runner
			.withPropertyValues("server-manager.min-reuse=45s", "server-manager.services.backend.min-reuse=30s",
					"server-manager.services.backend.failure-statuses=503")
			.run((context) -> {
				assertThat(managed(context, SERVICE).manager().minReuse()).isEqualTo(Duration.ofSeconds(30));
				assertThat(managed(context, SERVICE).settings().failureStatuses()).containsExactly(503);
				assertThat(managed(context, "other").manager().minReuse()).isEqualTo(Duration.ofSeconds(45));
			});
	}

	@Test
	void clusterSizeAutoCountsEveryInstanceInDiscoveryOnceByHostAndPort() {
		this.runner
			.withPropertyValues("spring.cloud.discovery.client.simple.instances.client[0].uri=http://127.0.0.1:8001",
					"spring.cloud.discovery.client.simple.instances.client[1].uri=http://127.0.0.1:8002",
					"spring.cloud.discovery.client.simple.instances.gateway[0].uri=http://127.0.0.1:7001",
					"spring.cloud.discovery.client.simple.instances.alias[0].uri=http://127.0.0.1:9001")
			.run((context) -> {
				// backend 9001 and 9002, other 9003, client 8001 and 8002, gateway 7001;
				// alias is 9001 again.
				ManagedService service = managed(context, SERVICE);
				await().atMost(Duration.ofSeconds(5)).until(() -> service.clusterSize() == 6);
			});
	}

	@Test
	void clusterSizeSelfCountsThisApplicationsInstancesInDiscovery() {
		this.runner
			.withPropertyValues("server-manager.cluster-size=self",
					"spring.cloud.discovery.client.simple.instances.client[0].uri=http://127.0.0.1:8001",
					"spring.cloud.discovery.client.simple.instances.client[1].uri=http://127.0.0.1:8002",
					"spring.cloud.discovery.client.simple.instances.client[2].uri=http://127.0.0.1:8003")
			.run((context) -> {
				ManagedService service = managed(context, SERVICE);
				await().atMost(Duration.ofSeconds(5)).until(() -> service.clusterSize() == 3);
			});
	}

	@Test
	void clusterSizeSelfIsAtLeastOne() {
		this.runner.withPropertyValues("server-manager.cluster-size=self").run((context) -> {
			ManagedService service = managed(context, SERVICE);
			await().atMost(Duration.ofSeconds(5)).until(() -> service.manager().numServers() == 2);
			assertThat(service.clusterSize()).isOne();
		});
	}

	@Test
	void enumsAreBoundCaseInsensitively() {
		this.runner.withPropertyValues("server-manager.front-selection=Random", "server-manager.ping=HTTP-Health")
			.run((context) -> {
				ServiceProperties configuration = context.getBean(ServerManagerProperties.class).forService(SERVICE);
				assertThat(configuration.getFrontSelection()).isEqualTo(FrontSelectionMode.RANDOM);
				assertThat(configuration.getPing()).isEqualTo(PingKind.HTTP_HEALTH);
			});
	}

	@Test
	void presetForEveryServiceStopsStartup() {
		this.runner.withPropertyValues("spring.cloud.loadbalancer.configurations=health-check")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(UnsupportedLoadBalancerPresetException.class, (ex) -> {
					assertThat(ex.getKey()).isEqualTo("spring.cloud.loadbalancer.configurations");
					assertThat(ex.getPreset()).isEqualTo("health-check");
				}));
	}

	@Test
	void defaultPresetIsAccepted() {
		this.runner.withPropertyValues("spring.cloud.loadbalancer.configurations=default")
			.run((context) -> assertThat(managed(context, SERVICE).manager().numServers()).isLessThanOrEqualTo(2));
	}

	@Test
	void presetForAManagedServiceStopsStartup() {
		this.runner.withPropertyValues("spring.cloud.loadbalancer.clients.backend.configurations=zone-preference")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(UnsupportedLoadBalancerPresetException.class, (ex) -> {
					assertThat(ex.getKey()).isEqualTo("spring.cloud.loadbalancer.clients.backend.configurations");
					assertThat(ex.getServiceId()).isEqualTo(SERVICE);
				}));
	}

	@Test
	void presetForAServiceWithoutServerManagerKeepsSpringsChain() {
		this.runner
			.withPropertyValues("spring.cloud.loadbalancer.clients.backend.configurations=same-instance-preference",
					"server-manager.services.backend.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
				assertThat(factory.getInstance(SERVICE)).isInstanceOf(RoundRobinLoadBalancer.class);
				assertThat(factory.getInstance(SERVICE, ServiceInstanceListSupplier.class))
					.isNotInstanceOf(ServerManagerServiceInstanceListSupplier.class);
			});
	}

	@Test
	void clusterSizeNumberOverridesDiscovery() {
		this.runner.withPropertyValues("server-manager.services.backend.cluster-size=7")
			.run((context) -> assertThat(managed(context, SERVICE).clusterSize()).isEqualTo(7));
	}

	@Test
	void pingerBeanReplacesTheBuiltInPings() {
		AtomicInteger pings = new AtomicInteger();
		this.runner.withPropertyValues("server-manager.ping=http")
			.withBean(Pinger.class, () -> (Pinger<ServiceInstance>) (instance) -> pings.incrementAndGet() > 0)
			.run((context) -> {
				ManagedService service = managed(context, SERVICE);
				await().atMost(Duration.ofSeconds(5)).until(() -> service.manager().numServers() == 2);
				service.rebalanceNow();
				assertThat(pings).hasValue(1);
			});
	}

	@Test
	void observerBeansHearServicesAddedAndRemovedAndWhatTheirManagersDo() {
		List<String> events = new ArrayList<>();
		this.runner.withBean(ServerManagerObserver.class, () -> new ServerManagerObserver() {

			@Override
			public void added(ManagedService service) {
				events.add("added " + service.serviceId());
			}

			@Override
			public void removed(ManagedService service) {
				events.add("removed " + service.serviceId());
			}

			@Override
			public void rebalanced(String serviceId, RebalanceResult<ServiceInstance> result) {
				events.add("rebalanced " + serviceId);
			}

		}).run((context) -> {
			LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
			factory.getInstance(SERVICE);
			assertThat(events).containsExactly("added backend");
			managed(context, SERVICE).rebalanceNow();
			assertThat(events).containsExactly("added backend", "rebalanced backend");
			factory.destroy();
			assertThat(events).containsExactly("added backend", "rebalanced backend", "removed backend");
			assertThat(context.getBean(ServerManagerRegistry.class).services()).isEmpty();
		});
	}

	@Test
	void secureOverrideAppliesToTheServiceAtStart() {
		this.runner.withPropertyValues("server-manager.services.backend.secure=true").run((context) -> {
			ManagedService service = managed(context, SERVICE);
			await().atMost(Duration.ofSeconds(5)).until(() -> service.manager().numServers() == 2);
			assertThat(service.manager().servers()).allMatch(ServiceInstance::isSecure);
			assertThat(managed(context, "other").manager().servers()).noneMatch(ServiceInstance::isSecure);
		});
	}

	@Test
	void secureOverrideFollowsEnvironmentChanges() {
		this.runner.run((context) -> {
			ManagedService service = managed(context, SERVICE);
			await().atMost(Duration.ofSeconds(5)).until(() -> service.manager().numServers() == 2);
			assertThat(service.manager().servers()).noneMatch(ServiceInstance::isSecure);
			TestPropertyValues.of("server-manager.services.backend.secure=true").applyTo(context);
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("server-manager.services.backend.secure")));
			assertThat(service.manager().servers()).allMatch(ServiceInstance::isSecure);
		});
	}

	private static List<String> specificationNames(AssertableApplicationContext context) {
		return context.getBeansOfType(LoadBalancerClientSpecification.class)
			.values()
			.stream()
			.map(LoadBalancerClientSpecification::getName)
			.toList();
	}

	private static ManagedService managed(AssertableApplicationContext context, String serviceId) {
		context.getBean(LoadBalancerClientFactory.class).getInstance(serviceId);
		return context.getBean(ServerManagerRegistry.class).find(serviceId).orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@LoadBalancerClient(name = SERVICE, configuration = UserSupplierConfiguration.class)
	static class UserClientConfiguration {

	}

	static class UserSupplierConfiguration {

		@Bean
		ServiceInstanceListSupplier userSupplier() {
			return ServiceInstanceListSuppliers.from("user-supplier");
		}

	}

}
