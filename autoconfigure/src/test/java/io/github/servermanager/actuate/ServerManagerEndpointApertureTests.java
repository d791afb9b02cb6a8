package io.github.servermanager.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.servermanager.core.ApertureSelection;
import io.github.servermanager.core.ClientRank;
import io.github.servermanager.core.FrontSelection;
import io.github.servermanager.core.ServerManager;
import io.github.servermanager.core.ZoneSelection;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.discovery.ServiceInstanceZones;
import io.github.servermanager.service.ServerManagerRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the endpoint says of the aperture: the servers that share a service's requests,
 * their shares, and the client's slice of the ring, from real managed services whose
 * selection has a fixed rank.
 */
class ServerManagerEndpointApertureTests {

	private static final String ZONE = "eu-west-1a";

	private final ServerManagerRegistry registry = new ServerManagerRegistry();

	private final ServerManagerEndpoint endpoint = new ServerManagerEndpoint(this.registry, Show.NEVER);

	private final List<RunningService> running = new ArrayList<>();

	@AfterEach
	void stopServices() {
		this.running.forEach(RunningService::close);
	}

	@Test
	void anApertureListsTheServersAtTheHeadOfTheListWithTheirSharesAndTheClientsSlice() {
		// 3 clients over 5 servers: rank 1 covers [1/3, 2/3) of the ring, which overlaps
		// a third of one server, the whole of the next and a third of the one after.
		start("svc", RunningService.aperture(new ClientRank(1, 3)));
		ServiceDescriptor service = describe("svc");
		ApertureDescriptor aperture = service.aperture();
		assertThat(aperture.servers()).extracting(ShareDescriptor::server)
			.containsExactlyElementsOf(instanceIds(service).subList(0, 3));
		assertThat(aperture.servers()).extracting(ShareDescriptor::share)
			.satisfiesExactly((share) -> assertThat(share).isCloseTo(0.2, within(1e-12)),
					(share) -> assertThat(share).isCloseTo(0.6, within(1e-12)),
					(share) -> assertThat(share).isCloseTo(0.2, within(1e-12)));
		assertThat(aperture.slice()).isEqualTo(new SliceDescriptor(1, 3, 1.0 / 3, 2.0 / 3));
		assertThat(service.servers()).extracting(ServerDescriptor::active)
			.containsExactly(true, false, false, false, false);
	}

	@Test
	void theApertureIsTheOneTheManagerSpreadsRequestsOver() {
		RunningService svc = start("svc", RunningService.aperture(new ClientRank(0, 2)));
		ServerManager<ServiceInstance> manager = svc.service().manager();
		ApertureDescriptor aperture = describe("svc").aperture();
		assertThat(aperture.servers()).extracting(ShareDescriptor::server)
			.containsExactlyElementsOf(manager.aperture().servers().stream().map(ServiceInstanceKeys::keyOf).toList());
		assertThat(aperture.servers()).extracting(ShareDescriptor::share)
			.containsExactlyElementsOf(manager.aperture().shares());
		assertThat(aperture.slice()).isEqualTo(new SliceDescriptor(0, 2, 0.0, 0.5));
	}

	@Test
	void withAtLeastAsManyClientsAsServersTheSliceKeepsItsBoundsAndOneServerTakesEveryRequest() {
		start("svc", RunningService.aperture(new ClientRank(7, 10)));
		ApertureDescriptor aperture = describe("svc").aperture();
		assertThat(aperture.servers()).hasSize(1);
		assertThat(aperture.servers().get(0).share()).isEqualTo(1.0);
		assertThat(aperture.slice()).isEqualTo(new SliceDescriptor(7, 10, 0.7, 0.8));
	}

	@Test
	void anUnknownRankShowsTheFrontAloneAndNoSlice() {
		start("svc", RunningService.aperture(null));
		ServiceDescriptor service = describe("svc");
		assertThat(service.aperture().servers()).containsExactly(new ShareDescriptor(instanceIds(service).get(0), 1.0));
		assertThat(service.aperture().slice()).isNull();
	}

	@Test
	void theRandomSelectionShowsTheFrontAloneAndNoSlice() {
		this.running.add(RunningService.start(this.registry, "svc", List.of(), instances(5)));
		ServiceDescriptor service = describe("svc");
		assertThat(service.aperture().servers()).containsExactly(new ShareDescriptor(instanceIds(service).get(0), 1.0));
		assertThat(service.aperture().slice()).isNull();
	}

	@Test
	void aServiceThatNeverHadServersHasAnEmptyApertureAndNoSliceYet() {
		this.running.add(RunningService.startWith(this.registry, "svc", List.of(),
				RunningService.aperture(new ClientRank(2, 4))));
		ApertureDescriptor aperture = describe("svc").aperture();
		assertThat(aperture.servers()).isEmpty();
		assertThat(aperture.slice()).as("no selection was made").isNull();
	}

	@Test
	void theSliceOfAnApertureWithinTheLocalZoneIsShown() {
		start("svc", zoned(RunningService.aperture(new ClientRank(1, 3))));
		ServiceDescriptor service = describe("svc");
		assertThat(service.aperture().servers()).hasSize(3);
		assertThat(service.aperture().slice()).isEqualTo(new SliceDescriptor(1, 3, 1.0 / 3, 2.0 / 3));
		assertThat(service.zone()).isEqualTo(new ZoneDescriptor(ZONE, ZONE, true));
	}

	@Test
	void theSliceIsTheOneTheLastSelectionUsedUntilTheNextRebalance() {
		AtomicReference<ClientRank> rank = new AtomicReference<>(new ClientRank(0, 2));
		ApertureSelection<ServiceInstance> selection = new ApertureSelection<>(ServiceInstanceKeys::keyOf, rank::get,
				() -> 0L, ServerManager.DEFAULT_CONNS_PER_SEC_PER_SERVER, (servers) -> servers,
				ServerManager.DEFAULT_MIN_REUSE);
		RunningService svc = start("svc", selection);
		rank.set(new ClientRank(2, 3));
		assertThat(describe("svc").aperture().slice()).isEqualTo(new SliceDescriptor(0, 2, 0.0, 0.5));
		svc.service().rebalanceNow();
		assertThat(describe("svc").aperture().slice()).isEqualTo(new SliceDescriptor(2, 3, 2.0 / 3, 1.0));
	}

	@Test
	void observingAServiceLeavesTheSpreadOfItsRequestsAsItIs() {
		// Two services with the same aperture place their requests alike, unless reading
		// one of them picks servers as a request would. Only the second is observed.
		RunningService quiet = start(new ServerManagerRegistry(), "quiet",
				zoned(RunningService.aperture(new ClientRank(1, 3))));
		RunningService observed = start("observed", zoned(RunningService.aperture(new ClientRank(1, 3))));
		ServerManagerMetrics metrics = new ServerManagerMetrics(this.registry);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		metrics.bindTo(meters);
		ManagedServiceHealthIndicator health = new ManagedServiceHealthIndicator(observed.service());
		List<String> quietPicks = new ArrayList<>();
		List<String> observedPicks = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			quietPicks.add(ServiceInstanceKeys.keyOf(quiet.service().manager().findServer()));
			describe("observed");
			health.health();
			meters.getMeters().forEach(Meter::measure);
			observedPicks.add(ServiceInstanceKeys.keyOf(observed.service().manager().findServer()));
		}
		assertThat(observedPicks).isEqualTo(quietPicks)
			.hasSameElementsAs(instanceIds(describe("observed")).subList(0, 3));
	}

	@Test
	void aSnapshotTakenWhileTheListChangesHasTheApertureAtTheHeadOfTheList() throws InterruptedException {
		RunningService svc = start("svc", RunningService.aperture(new ClientRank(1, 3)));
		ServerManager<ServiceInstance> manager = svc.service().manager();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicReference<Throwable> failed = new AtomicReference<>();
		// Each rebalance spreads the requests over three servers again, and each rotation
		// of the front leaves two.
		Thread changing = new Thread(() -> {
			try {
				while (!stop.get()) {
					manager.rebalance();
					manager.notifyFailedServer(manager.servers().get(0));
				}
			}
			catch (Throwable ex) {
				failed.set(ex);
			}
		});
		changing.start();
		int mismatches = 0;
		try {
			for (int i = 0; i < 100_000; i++) {
				ServerManager.Snapshot<ServiceInstance> snapshot = manager.snapshot();
				List<ServiceInstance> members = snapshot.aperture().servers();
				for (int j = 0; j < members.size(); j++) {
					if (!ServiceInstanceKeys.keyOf(members.get(j))
						.equals(ServiceInstanceKeys.keyOf(snapshot.servers().get(j)))) {
						mismatches++;
						break;
					}
				}
			}
		}
		finally {
			stop.set(true);
			changing.join();
		}
		assertThat(failed.get()).isNull();
		assertThat(mismatches).isZero();
	}

	private RunningService start(String serviceId, FrontSelection<ServiceInstance> selection) {
		return start(this.registry, serviceId, selection);
	}

	private RunningService start(ServerManagerRegistry registry, String serviceId,
			FrontSelection<ServiceInstance> selection) {
		RunningService service = RunningService.startWith(registry, serviceId, List.of(), selection, instances(5));
		this.running.add(service);
		return service;
	}

	private ServiceDescriptor describe(String serviceId) {
		ServiceDescriptor service = this.endpoint.service(serviceId);
		assertThat(service).isNotNull();
		return service;
	}

	private static ZoneSelection<ServiceInstance> zoned(ApertureSelection<ServiceInstance> withinZone) {
		return new ZoneSelection<>(ServiceInstanceZones::zoneOf, ZONE, List.of(), withinZone);
	}

	private static ServiceInstance[] instances(int count) {
		ServiceInstance[] instances = new ServiceInstance[count];
		for (int i = 0; i < count; i++) {
			instances[i] = new DefaultServiceInstance("s" + (i + 1), "svc", "127.0.0.1", 9001 + i, false,
					Map.of(ServiceInstanceZones.ZONE_METADATA_KEY, ZONE));
		}
		return instances;
	}

	private static List<String> instanceIds(ServiceDescriptor service) {
		return service.servers().stream().map(ServerDescriptor::instanceId).toList();
	}

}
