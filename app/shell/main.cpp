// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: CityGrid contributors
#include "shell/application.h"

int main(int argc, char *argv[])
{
    return citygrid::runApplication(argc, argv);
}
