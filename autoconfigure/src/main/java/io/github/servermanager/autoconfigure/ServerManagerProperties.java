package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.servermanager.core.RebalanceSpread;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Settings of the server manager. The top-level keys are the defaults of every service;
 * {@code server-manager.services.<serviceId>.*} overrides them for one service.
 */
@ConfigurationProperties(ServerManagerProperties.PREFIX)
public class ServerManagerProperties {

	/** The prefix of every key. */
	public static final String PREFIX = "server-manager";

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
		return PREFIX + ".services." + (plain ? serviceId : "[" + serviceId + "]") + "." + name;
	}

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
	 * How many clients share the servers: 'auto' counts every instance in discovery, of
	 * all services (distinct host:port, like Consul's node count), 'self' counts the
	 * instances of this application's spring.application.name, or a positive number.
	 */
	private ClusterSize clusterSize = ClusterSize.AUTO;

	/**
	 * How often 'auto' and 'self' cluster sizes are counted again in discovery. Applies
	 * to all services.
	 */
	private Duration clusterSizeRefresh = Duration.ofMinutes(5);

	/**
	 * How a rebalance checks a server before putting it in front: 'http' (GET of the
	 * health path: any answer but a 5xx is alive), 'http-health' (only a 2xx is alive),
	 * 'tcp' (connect) or 'none'. A Pinger bean replaces all of them.
	 */
	private PingKind ping = PingKind.HTTP;

	/**
	 * Path that the HTTP pings request, unless the instance's metadata announces one
	 * ('health.path' or 'management.context-path'). Must start with '/'.
	 */
	private String healthPath = "/actuator/health";

	/**
	 * Instance metadata key whose value is the port the HTTP pings go to (Eureka
	 * announces a separate management port as 'management.port'). Instances without it
	 * are pinged on their own port.
	 */
	private String pingPortMetadataKey = "management.port";

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material the HTTP pings of
	 * secure instances use. Unset: the JVM's default trust store.
	 */
	private @Nullable String sslBundle;

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
	private RebalanceSpread rebalanceSpread = RebalanceSpread.SPREAD;

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
	private FrontSelectionMode frontSelection = FrontSelectionMode.RANDOM;

	/**
	 * This client's zone; instances whose 'zone' metadata matches are preferred. When
	 * unset, spring.cloud.loadbalancer.zone is used, then the zone this application
	 * registers with in Eureka (eureka.instance.metadata-map.zone); when none is set,
	 * zones are ignored. Applies to all services.
	 */
	private @Nullable String zone;

	/**
	 * Zones to fail over to when no server of the local zone answers, nearest first.
	 * Zones not listed come after them.
	 */
	private List<String> zoneFailoverOrder = new ArrayList<>();

	/**
	 * Whether the server a failed request put in front is pinged at once, moving on down
	 * the list while servers do not answer, with requests that arrive meanwhile waiting
	 * for the answer (at most ping-timeout). Turns a zone or rack outage into one failed
	 * request per client instead of one per dead server. False keeps Consul's behaviour:
	 * the next server is trusted until the next rebalance.
	 */
	private boolean failoverCheck = true;

	/**
	 * How soon a service is checked again after a rebalance in which none of its servers
	 * answered; doubles at each such rebalance, up to the normal interval. Shorter than
	 * min-reuse on purpose: an offline service has no working server to keep.
	 */
	private Duration offlineRecheck = Duration.ofSeconds(5);

	/**
	 * How long a pooled connection of the HTTP clients built by Spring Boot's builders
	 * (Reactor Netty, Apache HttpClient 5, Jetty) may stay idle before it is closed, so
	 * that connections to servers that left the front do not stay open. Defaults to a
	 * quarter of min-reuse. 0 leaves each library's own setting.
	 */
	private @Nullable Duration connectionMaxIdleTime;

	/**
	 * Scheduling of rebalances.
	 */
	private final Scheduling scheduling = new Scheduling();

	/**
	 * The servermanager health contributor.
	 */
	private final Health health = new Health();

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

	public ClusterSize getClusterSize() {
		return this.clusterSize;
	}

	public void setClusterSize(ClusterSize clusterSize) {
		this.clusterSize = clusterSize;
	}

	public Duration getClusterSizeRefresh() {
		return this.clusterSizeRefresh;
	}

	public void setClusterSizeRefresh(Duration clusterSizeRefresh) {
		this.clusterSizeRefresh = clusterSizeRefresh;
	}

	public PingKind getPing() {
		return this.ping;
	}

	public void setPing(PingKind ping) {
		this.ping = ping;
	}

	public String getPingPortMetadataKey() {
		return this.pingPortMetadataKey;
	}

	public void setPingPortMetadataKey(String pingPortMetadataKey) {
		this.pingPortMetadataKey = pingPortMetadataKey;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
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

	public RebalanceSpread getRebalanceSpread() {
		return this.rebalanceSpread;
	}

	public void setRebalanceSpread(RebalanceSpread rebalanceSpread) {
		this.rebalanceSpread = rebalanceSpread;
	}

	public boolean isRearmOnMembershipChange() {
		return this.rearmOnMembershipChange;
	}

	public void setRearmOnMembershipChange(boolean rearmOnMembershipChange) {
		this.rearmOnMembershipChange = rearmOnMembershipChange;
	}

	public FrontSelectionMode getFrontSelection() {
		return this.frontSelection;
	}

	public void setFrontSelection(FrontSelectionMode frontSelection) {
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

	public boolean isFailoverCheck() {
		return this.failoverCheck;
	}

	public void setFailoverCheck(boolean failoverCheck) {
		this.failoverCheck = failoverCheck;
	}

	public Duration getOfflineRecheck() {
		return this.offlineRecheck;
	}

	public void setOfflineRecheck(Duration offlineRecheck) {
		this.offlineRecheck = offlineRecheck;
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
		 * Whether services are rebalanced on the starter's own timer. When false,
		 * rebalance through ServerManagerRegistry yourself.
		 */
		private boolean enabled = true;

		/**
		 * Most threads that may wait on the network at once (rebalances, failover checks,
		 * membership pulls), across all services. Each service runs at most one
		 * rebalance, so with at least as many threads as services one service's slow
		 * pings never delay another's rebalance. Threads start when needed and stop after
		 * a minute idle.
		 */
		private int maxThreads = 64;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = maxThreads;
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
		 * How many clients share the servers: 'auto', 'self' or a positive number.
		 */
		private @Nullable ClusterSize clusterSize;

		/**
		 * How a rebalance checks a server: 'http', 'http-health', 'tcp' or 'none'.
		 */
		private @Nullable PingKind ping;

		/**
		 * Path that the HTTP pings request.
		 */
		private @Nullable String healthPath;

		/**
		 * Instance metadata key whose value is the port the HTTP pings go to.
		 */
		private @Nullable String pingPortMetadataKey;

		/**
		 * Name of the SSL bundle the HTTP pings of secure instances use.
		 */
		private @Nullable String sslBundle;

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
		private @Nullable RebalanceSpread rebalanceSpread;

		/**
		 * Whether a change in the number of servers re-arms the next rebalance for the
		 * new number.
		 */
		private @Nullable Boolean rearmOnMembershipChange;

		/**
		 * How each client picks its front server at a rebalance: 'random' or 'subset'.
		 */
		private @Nullable FrontSelectionMode frontSelection;

		/**
		 * Zones to fail over to when no server of the local zone answers, nearest first.
		 */
		private @Nullable List<String> zoneFailoverOrder;

		public @Nullable FrontSelectionMode getFrontSelection() {
			return this.frontSelection;
		}

		public void setFrontSelection(@Nullable FrontSelectionMode frontSelection) {
			this.frontSelection = frontSelection;
		}

		public @Nullable List<String> getZoneFailoverOrder() {
			return this.zoneFailoverOrder;
		}

		public void setZoneFailoverOrder(@Nullable List<String> zoneFailoverOrder) {
			this.zoneFailoverOrder = zoneFailoverOrder;
		}

		/**
		 * Whether the server a failed request put in front is pinged at once, with
		 * requests waiting for the answer (at most ping-timeout).
		 */
		private @Nullable Boolean failoverCheck;

		public @Nullable Boolean getFailoverCheck() {
			return this.failoverCheck;
		}

		public void setFailoverCheck(@Nullable Boolean failoverCheck) {
			this.failoverCheck = failoverCheck;
		}

		/**
		 * How soon this service is checked again after a rebalance in which none of its
		 * servers answered; doubles up to the normal interval.
		 */
		private @Nullable Duration offlineRecheck;

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

		public @Nullable ClusterSize getClusterSize() {
			return this.clusterSize;
		}

		public void setClusterSize(@Nullable ClusterSize clusterSize) {
			this.clusterSize = clusterSize;
		}

		public @Nullable PingKind getPing() {
			return this.ping;
		}

		public void setPing(@Nullable PingKind ping) {
			this.ping = ping;
		}

		public @Nullable String getPingPortMetadataKey() {
			return this.pingPortMetadataKey;
		}

		public void setPingPortMetadataKey(@Nullable String pingPortMetadataKey) {
			this.pingPortMetadataKey = pingPortMetadataKey;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
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

		public @Nullable RebalanceSpread getRebalanceSpread() {
			return this.rebalanceSpread;
		}

		public void setRebalanceSpread(@Nullable RebalanceSpread rebalanceSpread) {
			this.rebalanceSpread = rebalanceSpread;
		}

		public @Nullable Boolean getRearmOnMembershipChange() {
			return this.rearmOnMembershipChange;
		}

		public void setRearmOnMembershipChange(@Nullable Boolean rearmOnMembershipChange) {
			this.rearmOnMembershipChange = rearmOnMembershipChange;
		}

		public @Nullable Duration getOfflineRecheck() {
			return this.offlineRecheck;
		}

		public void setOfflineRecheck(@Nullable Duration offlineRecheck) {
			this.offlineRecheck = offlineRecheck;
		}

	}

}
