package io.github.servermanager.autoconfigure;

import io.github.servermanager.loadbalancer.FrontServerLoadBalancer;
import io.github.servermanager.loadbalancer.ServerManagerLoadBalancerLifecycle;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The beans every service's load-balancer context gets: a supplier backed by a server
 * manager, the balancer that picks its front server and the lifecycle that reports
 * failures. Spring's own beans back off where these exist; a supplier the application
 * declares with {@code @LoadBalancerClient(configuration = ...)} makes these back off.
 * <p>
 * Deliberately not a {@code @Configuration}: it is registered in each service's context
 * through {@code @LoadBalancerClients(defaultConfiguration = ...)} and must never be
 * picked up by component scanning into the application context.
 */
@Conditional(ServerManagerServiceCondition.class)
public class ServerManagerLoadBalancerClientConfiguration {

	private static final Log logger = LogFactory.getLog(ServerManagerLoadBalancerClientConfiguration.class);

	/**
	 * Pulls membership through the blocking discovery client: it runs off the request
	 * path anyway, and it is the one Spring's retry support also requires.
	 * @param context the service's context
	 * @param factory builds the supplier
	 * @param environment holds the service id
	 * @return the supplier
	 */
	@Bean
	@ConditionalOnBean(DiscoveryClient.class)
	@Conditional(DiscoveryLibrarySuppliers.OnNoOtherSupplier.class)
	public ServerManagerServiceInstanceListSupplier serverManagerServiceInstanceListSupplier(
			ConfigurableApplicationContext context, ServerManagerSupplierFactory factory, Environment environment) {
		return factory.create(serviceId(environment),
				ServiceInstanceListSupplier.builder().withBlockingDiscoveryClient().build(context));
	}

	/**
	 * Falls back to the reactive discovery client when there is no blocking one.
	 * @param context the service's context
	 * @param factory builds the supplier
	 * @param environment holds the service id
	 * @return the supplier
	 */
	@Bean
	@ConditionalOnBean(ReactiveDiscoveryClient.class)
	@Conditional(DiscoveryLibrarySuppliers.OnNoOtherSupplier.class)
	public ServerManagerServiceInstanceListSupplier reactiveServerManagerServiceInstanceListSupplier(
			ConfigurableApplicationContext context, ServerManagerSupplierFactory factory, Environment environment) {
		return factory.create(serviceId(environment),
				ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context));
	}

	/**
	 * Takes the supplier of a discovery library's default configuration out of the
	 * service's context when the starter's is there: see
	 * {@link DiscoveryLibrarySuppliers}.
	 * @return the post-processor
	 */
	@Bean
	static BeanDefinitionRegistryPostProcessor serverManagerDiscoveryLibrarySupplierRemover() {
		return new DiscoveryLibrarySuppliers.Remover(ServerManagerServiceInstanceListSupplier.class);
	}

	@Bean
	@ConditionalOnBean(ServerManagerServiceInstanceListSupplier.class)
	@ConditionalOnMissingBean(ReactorLoadBalancer.class)
	public ReactorLoadBalancer<ServiceInstance> frontServerLoadBalancer(Environment environment,
			LoadBalancerClientFactory loadBalancerClientFactory) {
		String serviceId = serviceId(environment);
		return new FrontServerLoadBalancer(
				loadBalancerClientFactory.getLazyProvider(serviceId, ServiceInstanceListSupplier.class), serviceId);
	}

	@Bean
	@ConditionalOnBean(ServerManagerServiceInstanceListSupplier.class)
	@ConditionalOnMissingBean(ServerManagerLoadBalancerLifecycle.class)
	public ServerManagerLoadBalancerLifecycle serverManagerLoadBalancerLifecycle(Environment environment,
			ServerManagerRegistry registry, ObjectProvider<ServerManagerObserver> observers) {
		return new ServerManagerLoadBalancerLifecycle(serviceId(environment), registry,
				observers.orderedStream().toList());
	}

	/**
	 * Says once, when the service's load balancer starts, that the service is left to
	 * another supplier: one the application declared, or a discovery library's that
	 * serves a single address (Spring Cloud Kubernetes in {@code SERVICE} mode), so that
	 * a user who expected the server manager sees why it is not there.
	 * @param context the service's context
	 * @param environment holds the service id
	 * @return the check, run after the context's singletons are created
	 */
	@Bean
	static SmartInitializingSingleton serverManagerUnmanagedServiceNotice(ConfigurableApplicationContext context,
			Environment environment) {
		return () -> {
			if (context.getBeanNamesForType(ServerManagerServiceInstanceListSupplier.class, true, false).length > 0) {
				return;
			}
			String[] others = context.getBeanFactory()
				.getBeanNamesForType(ServiceInstanceListSupplier.class, true, false);
			String reason = (others.length > 0)
					? "its load balancer has another ServiceInstanceListSupplier ("
							+ context.getBeanFactory().getType(others[0]).getName()
							+ "), declared by the application or a discovery library"
					: "no DiscoveryClient or ReactiveDiscoveryClient bean was found";
			logger.info("Service '" + serviceId(environment) + "' is not managed by server-manager: " + reason);
		};
	}

	private static String serviceId(Environment environment) {
		return environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
	}

}
