"""aiogram routers, one module per concern; the only package that imports aiogram handlers."""
