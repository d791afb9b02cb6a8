package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the server manager. The top-level keys are the defaults of every service;
 * {@code server-manager.services.<serviceId>.*} overrides them for one service.
 */
@ConfigurationProperties(ServerManagerProperties.PREFIX)
public class ServerManagerProperties {

	/** The prefix of every key. */
	public static final String PREFIX = "server-manager";

	/**
	 * Whether the server manager replaces Spring Cloud LoadBalancer's round robin. When
	 * false, nothing of this starter is configured.
	 */
	private boolean enabled = true;

	/**
	 * How often the scheduler checks which services are due for a rebalance. Applies to
	 * all services.
	 */
	private Duration tick = Duration.ofSeconds(1);

	/**
	 * Shortest time a server stays in front between two rebalances (Consul's
	 * clientRPCMinReuseDuration).
	 */
	private Duration minReuse = Duration.ofMinutes(2);

	/**
	 * Divisor of the random stagger added to each rebalance interval: the stagger is at
	 * most interval / jitter-fraction. At least 1.
	 */
	private int jitterFraction = 2;

	/**
	 * New connections per second that rebalancing may open to each server, across all
	 * clients of the cluster. Large clusters rebalance less often to stay under it.
	 */
	private int connsPerSecPerServer = 64;

	/**
	 * How many clients share the servers: 'auto' counts the instances of this
	 * application's spring.application.name in discovery (at least 1), or a positive
	 * number.
	 */
	private String clusterSize = "auto";

	/**
	 * How a rebalance checks a server before putting it in front: 'http' (GET of
	 * health-path, 2xx is healthy), 'tcp' (connect) or 'none'. A Pinger bean replaces
	 * both.
	 */
	private String ping = "http";

	/**
	 * Path that the 'http' ping requests. Must start with '/'.
	 */
	private String healthPath = "/actuator/health";

	/**
	 * Connect and read timeout of a ping.
	 */
	private Duration pingTimeout = Duration.ofSeconds(1);

	/**
	 * HTTP statuses that count as a failure of the server that answered, and move it to
	 * the end of the list. Each between 100 and 599.
	 */
	private List<Integer> failureStatuses = new ArrayList<>(List.of(502, 503, 504));

	/**
	 * How often membership is pulled from discovery. Discovery heartbeat events trigger a
	 * pull at once as well.
	 */
	private Duration membershipRefresh = Duration.ofSeconds(30);

	/**
	 * How rebalance deadlines are drawn: 'spread' (the first rebalance comes after
	 * min-reuse plus a point drawn over a whole interval, and jitter is added after rate
	 * scaling, so a fleet restarted at once still reconnects at the budgeted rate) or
	 * 'consul' (Consul's schedule, exactly).
	 */
	private String rebalanceSpread = "spread";

	/**
	 * Whether a change in the number of servers re-arms the next rebalance for the new
	 * number: under 'spread' it is redrawn over one new interval, under 'consul' it is
	 * only ever brought forward. Without it, clients that computed a long interval during
	 * a partition keep it after the partition heals.
	 */
	private boolean rearmOnMembershipChange = true;

	/**
	 * How each client picks its front server at a rebalance: 'random' (the seed's
	 * shuffle) or 'subset' (deterministic subsetting by the client's rank among its
	 * application's instances in discovery, so that fronts spread evenly at any number of
	 * clients and servers).
	 */
	private String frontSelection = "random";

	/**
	 * This client's zone; instances whose 'zone' metadata matches are preferred. When
	 * unset, spring.cloud.loadbalancer.zone is used; when neither is set, zones are
	 * ignored. Applies to all services.
	 */
	private @Nullable String zone;

	/**
	 * Zones to fail over to when no server of the local zone answers, nearest first.
	 * Zones not listed come after them.
	 */
	private List<String> zoneFailoverOrder = new ArrayList<>();

	/**
	 * Scheduling of rebalances.
	 */
	private final Scheduling scheduling = new Scheduling();

	/**
	 * Per-service overrides of the defaults above, by service id.
	 */
	private Map<String, Service> services = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTick() {
		return this.tick;
	}

	public void setTick(Duration tick) {
		this.tick = tick;
	}

	public Duration getMinReuse() {
		return this.minReuse;
	}

	public void setMinReuse(Duration minReuse) {
		this.minReuse = minReuse;
	}

	public int getJitterFraction() {
		return this.jitterFraction;
	}

	public void setJitterFraction(int jitterFraction) {
		this.jitterFraction = jitterFraction;
	}

	public int getConnsPerSecPerServer() {
		return this.connsPerSecPerServer;
	}

	public void setConnsPerSecPerServer(int connsPerSecPerServer) {
		this.connsPerSecPerServer = connsPerSecPerServer;
	}

	public String getClusterSize() {
		return this.clusterSize;
	}

	public void setClusterSize(String clusterSize) {
		this.clusterSize = clusterSize;
	}

	public String getPing() {
		return this.ping;
	}

	public void setPing(String ping) {
		this.ping = ping;
	}

	public String getHealthPath() {
		return this.healthPath;
	}

	public void setHealthPath(String healthPath) {
		this.healthPath = healthPath;
	}

	public Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public List<Integer> getFailureStatuses() {
		return this.failureStatuses;
	}

	public void setFailureStatuses(List<Integer> failureStatuses) {
		this.failureStatuses = failureStatuses;
	}

	public Duration getMembershipRefresh() {
		return this.membershipRefresh;
	}

	public void setMembershipRefresh(Duration membershipRefresh) {
		this.membershipRefresh = membershipRefresh;
	}

	public String getRebalanceSpread() {
		return this.rebalanceSpread;
	}

	public void setRebalanceSpread(String rebalanceSpread) {
		this.rebalanceSpread = rebalanceSpread;
	}

	public boolean isRearmOnMembershipChange() {
		return this.rearmOnMembershipChange;
	}

	public void setRearmOnMembershipChange(boolean rearmOnMembershipChange) {
		this.rearmOnMembershipChange = rearmOnMembershipChange;
	}

	public String getFrontSelection() {
		return this.frontSelection;
	}

	public void setFrontSelection(String frontSelection) {
		this.frontSelection = frontSelection;
	}

	public @Nullable String getZone() {
		return this.zone;
	}

	public void setZone(@Nullable String zone) {
		this.zone = zone;
	}

	public List<String> getZoneFailoverOrder() {
		return this.zoneFailoverOrder;
	}

	public void setZoneFailoverOrder(List<String> zoneFailoverOrder) {
		this.zoneFailoverOrder = zoneFailoverOrder;
	}

	public Scheduling getScheduling() {
		return this.scheduling;
	}

	public Map<String, Service> getServices() {
		return this.services;
	}

	public void setServices(Map<String, Service> services) {
		this.services = services;
	}

	/**
	 * Scheduling of rebalances.
	 */
	public static class Scheduling {

		/**
		 * Whether the starter enables Spring's scheduling (@EnableScheduling, which also
		 * runs the application's own @Scheduled methods) and rebalances on a tick. When
		 * false, rebalance through ServerManagerRegistry yourself.
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
	 * Overrides for one service. Unset keys take the top-level default.
	 */
	public static class Service {

		/**
		 * Whether this service uses the server manager. When false it keeps Spring Cloud
		 * LoadBalancer's round robin.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Forces the instances' secure flag (https), or leaves discovery's when unset.
		 * Follows environment changes at runtime.
		 */
		private @Nullable Boolean secure;

		/**
		 * Shortest time a server stays in front between two rebalances.
		 */
		private @Nullable Duration minReuse;

		/**
		 * Divisor of the random stagger added to each rebalance interval.
		 */
		private @Nullable Integer jitterFraction;

		/**
		 * New connections per second that rebalancing may open to each server.
		 */
		private @Nullable Integer connsPerSecPerServer;

		/**
		 * How many clients share the servers: 'auto' or a positive number.
		 */
		private @Nullable String clusterSize;

		/**
		 * How a rebalance checks a server: 'http', 'tcp' or 'none'.
		 */
		private @Nullable String ping;

		/**
		 * Path that the 'http' ping requests.
		 */
		private @Nullable String healthPath;

		/**
		 * Connect and read timeout of a ping.
		 */
		private @Nullable Duration pingTimeout;

		/**
		 * HTTP statuses that count as a failure of the server that answered.
		 */
		private @Nullable List<Integer> failureStatuses;

		/**
		 * How often membership is pulled from discovery.
		 */
		private @Nullable Duration membershipRefresh;

		/**
		 * How rebalance deadlines are drawn: 'spread' or 'consul'.
		 */
		private @Nullable String rebalanceSpread;

		/**
		 * Whether a change in the number of servers re-arms the next rebalance for the
		 * new number.
		 */
		private @Nullable Boolean rearmOnMembershipChange;

		/**
		 * How each client picks its front server at a rebalance: 'random' or 'subset'.
		 */
		private @Nullable String frontSelection;

		/**
		 * Zones to fail over to when no server of the local zone answers, nearest first.
		 */
		private @Nullable List<String> zoneFailoverOrder;

		public @Nullable String getFrontSelection() {
			return this.frontSelection;
		}

		public void setFrontSelection(@Nullable String frontSelection) {
			this.frontSelection = frontSelection;
		}

		public @Nullable List<String> getZoneFailoverOrder() {
			return this.zoneFailoverOrder;
		}

		public void setZoneFailoverOrder(@Nullable List<String> zoneFailoverOrder) {
			this.zoneFailoverOrder = zoneFailoverOrder;
		}

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Boolean getSecure() {
			return this.secure;
		}

		public void setSecure(@Nullable Boolean secure) {
			this.secure = secure;
		}

		public @Nullable Duration getMinReuse() {
			return this.minReuse;
		}

		public void setMinReuse(@Nullable Duration minReuse) {
			this.minReuse = minReuse;
		}

		public @Nullable Integer getJitterFraction() {
			return this.jitterFraction;
		}

		public void setJitterFraction(@Nullable Integer jitterFraction) {
			this.jitterFraction = jitterFraction;
		}

		public @Nullable Integer getConnsPerSecPerServer() {
			return this.connsPerSecPerServer;
		}

		public void setConnsPerSecPerServer(@Nullable Integer connsPerSecPerServer) {
			this.connsPerSecPerServer = connsPerSecPerServer;
		}

		public @Nullable String getClusterSize() {
			return this.clusterSize;
		}

		public void setClusterSize(@Nullable String clusterSize) {
			this.clusterSize = clusterSize;
		}

		public @Nullable String getPing() {
			return this.ping;
		}

		public void setPing(@Nullable String ping) {
			this.ping = ping;
		}

		public @Nullable String getHealthPath() {
			return this.healthPath;
		}

		public void setHealthPath(@Nullable String healthPath) {
			this.healthPath = healthPath;
		}

		public @Nullable Duration getPingTimeout() {
			return this.pingTimeout;
		}

		public void setPingTimeout(@Nullable Duration pingTimeout) {
			this.pingTimeout = pingTimeout;
		}

		public @Nullable List<Integer> getFailureStatuses() {
			return this.failureStatuses;
		}

		public void setFailureStatuses(@Nullable List<Integer> failureStatuses) {
			this.failureStatuses = failureStatuses;
		}

		public @Nullable Duration getMembershipRefresh() {
			return this.membershipRefresh;
		}

		public void setMembershipRefresh(@Nullable Duration membershipRefresh) {
			this.membershipRefresh = membershipRefresh;
		}

		public @Nullable String getRebalanceSpread() {
			return this.rebalanceSpread;
		}

		public void setRebalanceSpread(@Nullable String rebalanceSpread) {
			this.rebalanceSpread = rebalanceSpread;
		}

		public @Nullable Boolean getRearmOnMembershipChange() {
			return this.rearmOnMembershipChange;
		}

		public void setRearmOnMembershipChange(@Nullable Boolean rearmOnMembershipChange) {
			this.rearmOnMembershipChange = rearmOnMembershipChange;
		}

	}

}
