// The deploysim executable: everything is in deploysim_cli (run_cli).
#include <iostream>

#include "deploysim/cli.hpp"

int main(int argc, char** argv) { return deploysim::run_cli(argc, argv, std::cout, std::cerr); }
