package io.github.servermanager.autoconfigure;

import java.util.Locale;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a Spring Cloud LoadBalancer preset that the server manager would drop: the key,
 * the preset, why, and the ways out.
 */
class UnsupportedLoadBalancerPresetFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedLoadBalancerPresetException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedLoadBalancerPresetException cause) {
		String nl = System.lineSeparator();
		String service = (cause.getServiceId() != null) ? cause.getServiceId() : "<serviceId>";
		String description = "Spring Cloud LoadBalancer preset '" + cause.getPreset() + "' is set by '" + cause.getKey()
				+ "', but the server manager replaces the supplier chain that the preset builds, so it would "
				+ "have no effect." + reason(cause.getPreset());
		StringBuilder action = new StringBuilder();
		action.append("Remove '")
			.append(cause.getKey())
			.append("' (or set it to 'default'), or keep Spring's ")
			.append("load balancer with its preset for the services that need it:")
			.append(nl)
			.append(nl)
			.append("    server-manager.services.")
			.append(service)
			.append(".enabled=false");
		if (cause.getServiceId() == null) {
			action.append(nl)
				.append("    spring.cloud.loadbalancer.clients.")
				.append(service)
				.append(".configurations=")
				.append(cause.getPreset())
				.append(nl)
				.append(nl)
				.append("or turn the server manager off everywhere: server-manager.enabled=false");
		}
		return new FailureAnalysis(description, action.toString(), cause);
	}

	private static String reason(String preset) {
		return switch (preset.toLowerCase(Locale.ROOT)) {
			case "health-check" -> " The server manager checks servers itself: it pings a server before putting it "
					+ "in front and moves a server away on its first failed request.";
			case "zone-preference" -> " The server manager prefers the client's own zone itself: set "
					+ "server-manager.zone, or keep spring.cloud.loadbalancer.zone, which it reads too.";
			case "same-instance-preference", "request-based-sticky-session" ->
				" The server manager already sends every request of a client to one server, the front of its list.";
			default -> "";
		};
	}

}
