// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include "base/partialfile.h"
#include "base/result.h"
#include "render/mapscene.h"
#include "render/mapview.h"

#include <QCoreApplication>
#include <QFont>
#include <QPainter>
#include <QPdfWriter>

#include <functional>
#include <memory>

namespace citygrid {

/// A4 pages filled top to bottom: headings, paragraphs, tables and drawn blocks, a new page when
/// the next piece does not fit, and a running footer. Units are points (1/72 inch); text is
/// real text in the PDF (searchable, sharp), in a CJK font so Chinese sets correctly.
class PdfPages
{
    Q_DECLARE_TR_FUNCTIONS(PdfPages)
public:
    static Result<std::unique_ptr<PdfPages>> open(const QString &path, const QString &title,
                                                  const QString &footer);
    ~PdfPages();

    static constexpr double pageWidth = 595.3, pageHeight = 841.9, margin = 56;
    static double textWidth() { return pageWidth - 2 * margin; }

    QPainter &painter() { return m_painter; }
    /// Starts a page (the first one is started by open()).
    void newPage();
    /// The space left on the page, from the cursor down to the footer.
    double spaceLeft() const;
    /// Breaks the page unless `height` points still fit.
    void need(double height);
    void skip(double height) { m_y += height; }
    double y() const { return m_y; }

    void heading(const QString &text);
    void paragraph(const QString &text, double size = 10.5,
                   QColor colour = QColor(0x22, 0x2b, 0x36));
    /// Column widths in points from their shares of the text width, widened to fit their
    /// longest cell where other columns have room to spare.
    QList<double> fitted(const QList<double> &shares, const QStringList &header,
                         const QList<QStringList> &rows) const;
    /// A table: `widths` in fractions of the text width (adjusted by fitted()); columns after the
    /// first `leftColumns` are right-aligned (numbers); long headers wrap. The header repeats
    /// when the table breaks across pages.
    void table(const QStringList &header, const QList<QStringList> &rows,
               const QList<double> &widths, int leftColumns = 2);
    /// A block of `height` points drawn by `draw` in a rectangle the width of the text.
    void block(double height, const std::function<void(QPainter &, const QRectF &)> &draw);

    /// A map block of `height` points, vector: the map fitted into the width its legend (drawn
    /// bottom right, measured from its text) leaves, so the legend lies beside it, never over
    /// it; and a frame.
    void map(double height, const MapScene &scene, const QRectF &extent, const QString &title);
    /// The view of such a map of `size` logical pixels: `extent` left of the legend.
    static MapView mapView(QSize size, const MapScene &scene, const QRectF &extent,
                           const QString &title);

    static QFont font(double points, QFont::Weight weight = QFont::Normal);
    Result<void> finish();

private:
    PdfPages(const QString &path, const QString &footer);
    void paintFooter();

    PartialFile m_partial; ///< the pages are written beside the file, moved over it by finish()
    QPdfWriter m_pdf;
    QPainter m_painter;
    QString m_path, m_footer;
    double m_y = margin;
    int m_page = 1;
};

} // namespace citygrid
