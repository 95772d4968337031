# Sandlot's matplotlib backend (MPLBACKEND=module://sandlot_plots): drawing is
# Agg's, and plt.show() saves every open figure as a PNG into the run's output
# folder ($SANDLOT_OUTPUT), where the run's result picks it up, then closes
# them, as closing a window would. savefig works as with any backend.
import os

from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase as FigureManager
from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas

__all__ = ["FigureCanvas", "FigureManager", "show"]

_shown = 0


def _next_name(folder):
    global _shown
    while True:
        _shown += 1
        name = os.path.join(folder, "figure-%d.png" % _shown)
        if not os.path.lexists(name):
            return name


def show(*args, **kwargs):
    folder = os.environ.get("SANDLOT_OUTPUT", "/output")
    for manager in Gcf.get_all_fig_managers():
        manager.canvas.figure.savefig(_next_name(folder), format="png")
    Gcf.destroy_all()
