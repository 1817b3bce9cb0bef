"""The built-in Flux-compatible simulator: demo mode, tests and benchmarks (see `fluxdesk.sim.server`)."""

from fluxdesk.sim.faults import FaultPlan, parse_faults
from fluxdesk.sim.render import render_image
from fluxdesk.sim.server import DEMO_KEY, ReceivedRequest, SimConfig, SimServer, TaskView
from fluxdesk.sim.spec import ProviderSpec

__all__ = [
    "DEMO_KEY",
    "FaultPlan",
    "ProviderSpec",
    "ReceivedRequest",
    "SimConfig",
    "SimServer",
    "TaskView",
    "parse_faults",
    "render_image",
]
