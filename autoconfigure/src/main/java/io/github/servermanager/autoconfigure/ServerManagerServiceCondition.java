package io.github.servermanager.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
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
		if (!ServerManagerProperties.bind(context.getEnvironment()).forService(serviceId).isEnabled()) {
			return ConditionOutcome.noMatch(ServerManagerProperties.serviceKey(serviceId, "enabled") + " is false");
		}
		return ConditionOutcome.match("server manager enabled for service '" + serviceId + "'");
	}

}
