package io.github.servermanager.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * The suppliers that discovery libraries put in every service's load-balancer context by
 * default, as this starter does, and that the starter's supplier replaces.
 * <p>
 * Spring Cloud registers the default configurations of all libraries in an order of its
 * own, and each library's supplier backs off when a supplier exists. When a library's
 * comes first, the starter's would back off and the service would silently go unmanaged
 * (Spring Cloud Zookeeper does this). So the starter's supplier ignores these when it
 * decides whether to back off, and removes them once it is defined. A supplier of the
 * application's own still makes the starter's back off.
 */
final class DiscoveryLibrarySuppliers {

	/**
	 * Spring Cloud Kubernetes' mode key: in {@code SERVICE} mode its supplier serves the
	 * service's one cluster address, and kube-proxy spreads the connections: there is no
	 * list of servers to manage, so the starter steps aside.
	 */
	static final String KUBERNETES_MODE = "spring.cloud.kubernetes.loadbalancer.mode";

	private static final String KUBERNETES_LOAD_BALANCER = "org.springframework.cloud.kubernetes.commons.loadbalancer.KubernetesServicesListSupplier";

	/** Classes whose {@code @Bean} supplier the starter's supplier takes the place of. */
	private static final Set<String> REPLACED_CONFIGURATIONS = Set
		.of("org.springframework.cloud.zookeeper.discovery.ZookeeperLoadBalancerConfiguration");

	private DiscoveryLibrarySuppliers() {
	}

	static boolean isDiscoveryLibrarySupplier(ConfigurableListableBeanFactory beanFactory, String beanName) {
		if (!beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			return factoryMethod != null && REPLACED_CONFIGURATIONS.contains(factoryMethod.getDeclaringClassName());
		}
		return false;
	}

	/**
	 * Matches when no supplier is defined other than a discovery library's.
	 */
	static class OnNoOtherSupplier extends SpringBootCondition implements ConfigurationCondition {

		@Override
		public ConfigurationPhase getConfigurationPhase() {
			return ConfigurationPhase.REGISTER_BEAN;
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if ("SERVICE".equalsIgnoreCase(context.getEnvironment().getProperty(KUBERNETES_MODE, "").trim())
					&& ClassUtils.isPresent(KUBERNETES_LOAD_BALANCER, context.getClassLoader())) {
				return ConditionOutcome.noMatch(
						KUBERNETES_MODE + " is SERVICE: Spring Cloud Kubernetes serves the" + " service's address");
			}
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			if (beanFactory == null) {
				return ConditionOutcome.match("no bean factory");
			}
			for (String name : BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory,
					ServiceInstanceListSupplier.class, true, false)) {
				if (!isDiscoveryLibrarySupplier(beanFactory, name)) {
					return ConditionOutcome.noMatch("found supplier '" + name + "'");
				}
			}
			return ConditionOutcome.match("no supplier but a discovery library's");
		}

	}

	/**
	 * Removes the discovery libraries' suppliers once the starter's is defined, so that
	 * the service has one supplier.
	 */
	static class Remover implements BeanDefinitionRegistryPostProcessor {

		private final Class<?> replacement;

		Remover(Class<?> replacement) {
			this.replacement = replacement;
		}

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			if (!(registry instanceof ConfigurableListableBeanFactory beanFactory)
					|| beanFactory.getBeanNamesForType(this.replacement, true, false).length == 0) {
				return;
			}
			for (String name : beanFactory.getBeanNamesForType(ServiceInstanceListSupplier.class, true, false)) {
				if (isDiscoveryLibrarySupplier(beanFactory, name)) {
					registry.removeBeanDefinition(name);
				}
			}
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		}

	}

}
