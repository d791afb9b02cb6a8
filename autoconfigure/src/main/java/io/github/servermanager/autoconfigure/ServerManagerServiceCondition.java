package io.github.servermanager.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches in a service's load-balancer context unless
 * {@code server-manager.services.<serviceId>.enabled} is false.
 */
class ServerManagerServiceCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String serviceId = context.getEnvironment().getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		if (serviceId == null) {
			return ConditionOutcome.noMatch("no " + LoadBalancerClientFactory.PROPERTY_NAME + " in the environment");
		}
		ServerManagerProperties properties = Binder.get(context.getEnvironment())
			.bind(ServerManagerProperties.PREFIX, ServerManagerProperties.class)
			.orElseGet(ServerManagerProperties::new);
		ServerManagerProperties.Service service = properties.getServices().get(serviceId);
		Boolean enabled = (service != null) ? service.getEnabled() : null;
		if (Boolean.FALSE.equals(enabled)) {
			return ConditionOutcome.noMatch(ServerManagerProperties.serviceKey(serviceId, "enabled") + " is false");
		}
		return ConditionOutcome.match("server manager enabled for service '" + serviceId + "'");
	}

}
