<?php
define( 'DB_NAME', 'northwind_blog' );
define( 'DB_USER', 'wp_blog' );
define( 'DB_PASSWORD', 'blog-db-2020' );
define( 'DB_HOST', 'mysql.northwind-logistics.net' );

define( 'AUTH_KEY',         'Gq;7]nA2^xL@v9#Rz!4wT8$kP1&mY6*cJ3(bH5)dF0' );
define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );

$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
