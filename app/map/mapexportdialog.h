// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#pragma once

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace citygrid {

/// Where and how big an exported map is: the file (PNG or PDF by its suffix), the paper size in
/// millimetres (presets A4 and A3, either way round, or as on screen) and, for PNG, the
/// resolution in dots per inch. The map shows what the canvas shows, fitted to the new shape.
class MapExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// `screen`: the canvas's size in logical pixels (the "as on screen" preset).
    MapExportDialog(QSize screen, const QString &path, QWidget *parent = nullptr);

    QString path() const;
    /// The map's size in logical pixels (96 an inch).
    QSize logicalSize() const;
    int dpi() const;
    void setPath(const QString &path);
    void setSizeMm(double width, double height);
    void setDpi(int dpi);

private:
    void presetChosen();
    void updateSummary();

    QSize m_screen;
    QLineEdit *m_path;
    QComboBox *m_preset;
    QDoubleSpinBox *m_width;
    QDoubleSpinBox *m_height;
    QSpinBox *m_dpi;
    QLabel *m_summary;
};

} // namespace citygrid
