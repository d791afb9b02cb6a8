package io.github.servermanager.service;

import java.time.Duration;

import io.github.servermanager.core.RebalanceOutcome;
import io.github.servermanager.core.RebalanceResult;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Says once, at WARN, that a service went offline, and once, at INFO, that it came back:
 * the rebalances in between would repeat the same line every few seconds. A service with
 * no instances is left to the core's "no servers" warning. The likely cause when every
 * instance fails is a ping that does not fit them (a health path they do not serve, a
 * management port), so the line says so. Not thread-safe: the service reports every
 * rebalance under its rebalance lock.
 */
final class OfflineNotice {

	private static final Log logger = LogFactory.getLog(ManagedService.class);

	private final String serviceId;

	/** The pinger as given, to name it in the warning. */
	private final Object pinger;

	/** Whether "offline" was said and "back" was not yet. */
	private boolean offlineSaid;

	OfflineNotice(String serviceId, Object pinger) {
		this.serviceId = serviceId;
		this.pinger = pinger;
	}

	void rebalanced(RebalanceResult<ServiceInstance> result, boolean offline, Duration next) {
		if (result.outcome() == RebalanceOutcome.OFFLINE && result.pings() > 0 && offline) {
			if (!this.offlineSaid) {
				this.offlineSaid = true;
				logger.warn("Service '" + this.serviceId + "' is offline: none of its " + result.pings()
						+ " instance(s) answered the ping of " + describe(this.pinger)
						+ "; requests still go to the instance in front, and the service is checked again in " + next
						+ ", then less often while it stays offline. If the instances are up, the ping does not"
						+ " fit them: configure this service's ping or health path");
			}
		}
		else if (result.outcome() == RebalanceOutcome.HEALTHY && this.offlineSaid) {
			this.offlineSaid = false;
			ServiceInstance chosen = result.chosen();
			logger.info("Service '" + this.serviceId + "' is back online: "
					+ ((chosen != null) ? ServiceInstanceKeys.keyOf(chosen) : "an instance") + " answered");
		}
	}

	/**
	 * A pinger's own toString when it has one, its class name when it only has Object's.
	 */
	static String describe(Object pinger) {
		String text = String.valueOf(pinger);
		String objectDefault = pinger.getClass().getName() + "@" + Integer.toHexString(pinger.hashCode());
		if (text.equals(objectDefault)) {
			String name = pinger.getClass().getSimpleName();
			return name.isEmpty() || pinger.getClass().isSynthetic()
					? "a custom pinger (" + pinger.getClass().getName() + ")" : name;
		}
		return text;
	}

}
