package io.github.servermanager.sample.traffic;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /traffic}: the last tick of the traffic loop as JSON, the same facts as the
 * last log line.
 */
@RestController
class TrafficController {

	private final TrafficLoop loop;

	TrafficController(TrafficLoop loop) {
		this.loop = loop;
	}

	@GetMapping("/traffic")
	TrafficTick lastTick() {
		return this.loop.lastTick();
	}

}
