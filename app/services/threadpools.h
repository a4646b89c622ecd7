// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

class QThreadPool;

/// The application's own thread pools, apart from Qt's global one: the raster engine fills large
/// areas of the GUI thread's paint on the global pool and a frame's bands run there, so work that
/// waits on those, or that would hold them while the first frame is drawn, has threads of its
/// own. Each pool is made on first use and owned by the application; any thread may queue on it.
namespace citygrid::threadpools {

/// The frames' own threads. A frame waits for its bands, which run on the global pool; were the
/// frames there too, two canvases (the wall display's and the main one's) would hold both
/// threads of a two-core machine waiting for bands that never get one, and the GUI thread
/// would hang with them.
QThreadPool *render();
/// The threads that read the store in the background (the case facts, the case points).
QThreadPool *load();

} // namespace citygrid::threadpools
