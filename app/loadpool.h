// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

class QThreadPool;

namespace citygrid {

/// The threads that read the store in the background (the case facts, the case points), apart
/// from Qt's global pool: the raster engine fills large areas of the GUI thread's paint on that
/// pool and the render bands run there, so a load holding it would stall the first frame.
/// Made on first use, owned by the application; any thread may queue work on it.
QThreadPool *loadPool();

} // namespace citygrid
