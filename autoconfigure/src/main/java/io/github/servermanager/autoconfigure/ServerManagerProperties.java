package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.cloud.commons.config.DefaultsBindHandlerAdvisor;
import org.springframework.core.env.Environment;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the server manager: the defaults of every service, the settings that
 * apply to the whole application, and per-service overrides under
 * {@code server-manager.services.<id>.*}, each bound onto a copy of the defaults (see
 * {@link ServerManagerAutoConfiguration#serverManagerServiceDefaults()}).
 * <p>
 * It validates itself and every service entry while Spring Boot binds it, so that a bad
 * value stops start-up with Boot's report of the key, the value and where it was set.
 */
@ConfigurationProperties(ServerManagerProperties.PREFIX)
public class ServerManagerProperties extends ServiceProperties implements Validator {

	/** The prefix of every key. */
	public static final String PREFIX = "server-manager";

	/** The prefix of the per-service entries. */
	public static final String SERVICES = PREFIX + ".services";

	/** Each service's entry is bound onto the defaults first. */
	static final Map<ConfigurationPropertyName, ConfigurationPropertyName> DEFAULTS = Map
		.of(ConfigurationPropertyName.of(SERVICES), ConfigurationPropertyName.of(PREFIX));

	/**
	 * This client's zone; instances whose 'zone' metadata matches are preferred. When
	 * unset, spring.cloud.loadbalancer.zone is used, then the zone this application
	 * registers with in Eureka (eureka.instance.metadata-map.zone); when none is set,
	 * zones are ignored. Applies to all services.
	 */
	private @Nullable String zone;

	/**
	 * How long a pooled connection of the HTTP clients built by Spring Boot's builders
	 * (Reactor Netty, Apache HttpClient 5, Jetty) may stay idle before it is closed, so
	 * that connections to servers that left the front do not stay open. Defaults to a
	 * quarter of min-reuse. 0 leaves each library's own setting. Applies to all services.
	 */
	private @Nullable Duration connectionMaxIdleTime;

	/**
	 * Rebalancing on the starter's own timer.
	 */
	private final Scheduling scheduling = new Scheduling();

	/**
	 * The servermanager health contributor.
	 */
	private final Health health = new Health();

	/**
	 * Per-service overrides of the defaults above, by service id. Ids with dots or
	 * capitals go in brackets: services.[My.Service].ping.
	 */
	private Map<String, ServiceProperties> services = new LinkedHashMap<>();

	/**
	 * Returns the key of one setting of one service, as a user writes it: the service id
	 * goes in brackets when it is not a single lower-case element (dots, capitals), since
	 * Spring Boot would otherwise split or lower-case it.
	 * @param serviceId the service id
	 * @param name the setting, for example {@code ping}
	 * @return for example {@code server-manager.services.backend.ping} or
	 * {@code server-manager.services.[My.Service].ping}
	 */
	public static String serviceKey(String serviceId, String name) {
		boolean plain = serviceId.indexOf('.') < 0 && ConfigurationPropertyName.isValid(serviceId);
		return SERVICES + "." + (plain ? serviceId : "[" + serviceId + "]") + "." + name;
	}

	/**
	 * Binds the properties from an environment, each service's entry onto the defaults,
	 * for the places that run before the bean exists (conditions) or that must see a
	 * refreshed environment at once.
	 * @param environment the environment
	 * @return the properties, with their defaults when nothing is set
	 */
	public static ServerManagerProperties bind(Environment environment) {
		return Binder.get(environment)
			.bind(PREFIX, Bindable.of(ServerManagerProperties.class),
					new DefaultsBindHandlerAdvisor(DEFAULTS).apply(BindHandler.DEFAULT))
			.orElseGet(ServerManagerProperties::new);
	}

	/**
	 * Returns the settings of one service: its entry, which holds the defaults for every
	 * key it does not set, or the defaults when it has none.
	 * @param serviceId the service id, as the load balancer knows it
	 * @return the service's settings
	 */
	public ServiceProperties forService(String serviceId) {
		ServiceProperties service = this.services.get(serviceId);
		return (service != null) ? service : this;
	}

	/**
	 * Returns how long a pooled connection may stay idle: the configured bound, else a
	 * quarter of the default min-reuse. A server stays in front for at least min-reuse,
	 * so the front's connection stays open for an application that calls at least that
	 * often, while a connection to a former front closes well before the next rebalance.
	 * @return the bound, {@link Duration#ZERO} to leave each library's own setting
	 */
	public Duration connectionMaxIdleTime() {
		return (this.connectionMaxIdleTime != null) ? this.connectionMaxIdleTime : getMinReuse().dividedBy(4);
	}

	public @Nullable String getZone() {
		return this.zone;
	}

	public void setZone(@Nullable String zone) {
		this.zone = zone;
	}

	public @Nullable Duration getConnectionMaxIdleTime() {
		return this.connectionMaxIdleTime;
	}

	public void setConnectionMaxIdleTime(@Nullable Duration connectionMaxIdleTime) {
		this.connectionMaxIdleTime = connectionMaxIdleTime;
	}

	public Scheduling getScheduling() {
		return this.scheduling;
	}

	public Health getHealth() {
		return this.health;
	}

	public Map<String, ServiceProperties> getServices() {
		return this.services;
	}

	public void setServices(Map<String, ServiceProperties> services) {
		this.services = services;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ServiceProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks the defaults and, as Spring Boot binds them, each service entry. Each error
	 * names its field, which Spring Boot reports under the entry's name, with the value
	 * and its origin: the key as the user wrote it, and where.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		ServiceProperties service = (ServiceProperties) target;
		requirePositive(errors, "minReuse", service.getMinReuse());
		requireAtLeastOne(errors, "connsPerSecPerServer", service.getConnsPerSecPerServer());
		if (service.getHealthPath() == null || !service.getHealthPath().startsWith("/")) {
			errors.rejectValue("healthPath", "path", "must start with '/', for example /actuator/health");
		}
		if (service.getPingPortMetadataKey() == null || service.getPingPortMetadataKey().isBlank()) {
			errors.rejectValue("pingPortMetadataKey", "blank", "must not be blank, for example management.port");
		}
		requirePositive(errors, "pingTimeout", service.getPingTimeout());
		List<Integer> statuses = service.getFailureStatuses();
		if (statuses.stream().anyMatch((status) -> status == null || status < 100 || status > 599)) {
			errors.rejectValue("failureStatuses", "status",
					"must be HTTP status codes between 100 and 599, for example 502,503,504");
		}
		requirePositive(errors, "membershipRefresh", service.getMembershipRefresh());
		if (service.getZoneFailoverOrder().stream().anyMatch((zone) -> zone == null || zone.isBlank())) {
			errors.rejectValue("zoneFailoverOrder", "blank", "must be zone names without blanks, for example b,c");
		}
		if (target instanceof ServerManagerProperties global && global.getConnectionMaxIdleTime() != null
				&& global.getConnectionMaxIdleTime().isNegative()) {
			errors.rejectValue("connectionMaxIdleTime", "negative",
					"must be a positive duration, or 0 to leave each HTTP client's own setting");
		}
	}

	private static void requirePositive(Errors errors, String field, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "positive", "must be a positive duration");
		}
	}

	private static void requireAtLeastOne(Errors errors, String field, int value) {
		if (value < 1) {
			errors.rejectValue(field, "atLeastOne", "must be a whole number of at least 1");
		}
	}

	/**
	 * Rebalancing on the starter's own timer.
	 */
	public static class Scheduling {

		/**
		 * Whether services are rebalanced on the starter's own timer. When false,
		 * rebalance through ServerManagerRegistry yourself.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The servermanager health contributor.
	 */
	public static class Health {

		/**
		 * Whether an offline service (no server answered the last rebalance) reports
		 * DOWN, and so takes the application's health, and every group that includes the
		 * contributor, DOWN with it. By default it reports OFFLINE, which Spring Boot's
		 * status aggregation ignores: one downstream outage never takes the callers out
		 * of service.
		 */
		private boolean failWhenOffline;

		public boolean isFailWhenOffline() {
			return this.failWhenOffline;
		}

		public void setFailWhenOffline(boolean failWhenOffline) {
			this.failWhenOffline = failWhenOffline;
		}

	}

}
