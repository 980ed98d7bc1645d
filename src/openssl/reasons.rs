//! The texts of libssl's error reasons (`SSL_R_*` codes of OpenSSL 3.0's
//! sslerr.h with the strings its libssl registers), which
//! `ERR_reason_error_string` and `ERR_error_string_n` show once
//! `OPENSSL_init_ssl` has loaded them. Received alerts are reasons too:
//! `SSL_AD_REASON_OFFSET` (1000) plus the alert number.
//! Generated from OpenSSL 3.0's sslerr.h and ssl_err.c; sorted by code.

/// `(reason, text)`, sorted by reason.
pub static SSL_REASON_TEXTS: &[(i32, &std::ffi::CStr)] = &[
    (100, c"app data in handshake"),           // APP_DATA_IN_HANDSHAKE
    (101, c"no suitable key share"),           // NO_SUITABLE_KEY_SHARE
    (102, c"bad dh value"),                    // BAD_DH_VALUE
    (103, c"bad change cipher spec"),          // BAD_CHANGE_CIPHER_SPEC
    (104, c"inconsistent extms"),              // INCONSISTENT_EXTMS
    (105, c"bad hello request"),               // BAD_HELLO_REQUEST
    (106, c"bad data returned by callback"),   // BAD_DATA_RETURNED_BY_CALLBACK
    (107, c"bad decompression"),               // BAD_DECOMPRESSION
    (108, c"bad key share"),                   // BAD_KEY_SHARE
    (109, c"cannot change cipher"),            // CANNOT_CHANGE_CIPHER
    (110, c"bad extension"),                   // BAD_EXTENSION
    (111, c"bad digest length"),               // BAD_DIGEST_LENGTH
    (112, c"missing sigalgs extension"),       // MISSING_SIGALGS_EXTENSION
    (113, c"invalid configuration name"),      // INVALID_CONFIGURATION_NAME
    (114, c"bad psk identity"),                // BAD_PSK_IDENTITY
    (115, c"bad packet length"),               // BAD_PACKET_LENGTH
    (116, c"bad protocol version number"),     // BAD_PROTOCOL_VERSION_NUMBER
    (117, c"ssl command section empty"),       // SSL_COMMAND_SECTION_EMPTY
    (118, c"no suitable signature algorithm"), // NO_SUITABLE_SIGNATURE_ALGORITHM
    (119, c"bad rsa encrypt"),                 // BAD_RSA_ENCRYPT
    (120, c"invalid key update type"),         // INVALID_KEY_UPDATE_TYPE
    (121, c"still in init"),                   // STILL_IN_INIT
    (122, c"bad key update"),                  // BAD_KEY_UPDATE
    (123, c"bad signature"),                   // BAD_SIGNATURE
    (124, c"bad ssl filetype"),                // BAD_SSL_FILETYPE
    (125, c"ssl command section not found"),   // SSL_COMMAND_SECTION_NOT_FOUND
    (126, c"ssl section empty"),               // SSL_SECTION_EMPTY
    (127, c"bad write retry"),                 // BAD_WRITE_RETRY
    (128, c"bio not set"),                     // BIO_NOT_SET
    (129, c"block cipher pad is wrong"),       // BLOCK_CIPHER_PAD_IS_WRONG
    (130, c"bn lib"),                          // BN_LIB
    (131, c"ca dn length mismatch"),           // CA_DN_LENGTH_MISMATCH
    (132, c"too many key updates"),            // TOO_MANY_KEY_UPDATES
    (133, c"ccs received early"),              // CCS_RECEIVED_EARLY
    (134, c"certificate verify failed"),       // CERTIFICATE_VERIFY_FAILED
    (135, c"cert length mismatch"),            // CERT_LENGTH_MISMATCH
    (136, c"ssl section not found"),           // SSL_SECTION_NOT_FOUND
    (137, c"cipher code wrong length"),        // CIPHER_CODE_WRONG_LENGTH
    (139, c"unknown command"),                 // UNKNOWN_COMMAND
    (140, c"compressed length too long"),      // COMPRESSED_LENGTH_TOO_LONG
    (141, c"compression failure"),             // COMPRESSION_FAILURE
    (142, c"compression library error"),       // COMPRESSION_LIBRARY_ERROR
    (144, c"connection type not set"),         // CONNECTION_TYPE_NOT_SET
    (145, c"data between ccs and finished"),   // DATA_BETWEEN_CCS_AND_FINISHED
    (146, c"data length too long"),            // DATA_LENGTH_TOO_LONG
    (147, c"decryption failed"),               // DECRYPTION_FAILED
    (148, c"dh public value length is wrong"), // DH_PUBLIC_VALUE_LENGTH_IS_WRONG
    (149, c"digest check failed"),             // DIGEST_CHECK_FAILED
    (150, c"encrypted length too long"),       // ENCRYPTED_LENGTH_TOO_LONG
    (151, c"error in received cipher list"),   // ERROR_IN_RECEIVED_CIPHER_LIST
    (152, c"excessive message size"),          // EXCESSIVE_MESSAGE_SIZE
    (153, c"extra data in message"),           // EXTRA_DATA_IN_MESSAGE
    (154, c"got a fin before a ccs"),          // GOT_A_FIN_BEFORE_A_CCS
    (155, c"https proxy request"),             // HTTPS_PROXY_REQUEST
    (156, c"http request"),                    // HTTP_REQUEST
    (157, c"tls invalid ecpointformat list"),  // TLS_INVALID_ECPOINTFORMAT_LIST
    (158, c"at least (D)TLS 1.2 needed in Suite B mode"), // AT_LEAST_TLS_1_2_NEEDED_IN_SUITEB_MODE
    (159, c"length mismatch"),                 // LENGTH_MISMATCH
    (160, c"length too short"),                // LENGTH_TOO_SHORT
    (161, c"library has no ciphers"),          // LIBRARY_HAS_NO_CIPHERS
    (162, c"illegal point compression"),       // ILLEGAL_POINT_COMPRESSION
    (163, c"ext length mismatch"),             // EXT_LENGTH_MISMATCH
    (164, c"too much early data"),             // TOO_MUCH_EARLY_DATA
    (165, c"missing dsa signing cert"),        // MISSING_DSA_SIGNING_CERT
    (166, c"version too high"),                // VERSION_TOO_HIGH
    (167, c"context not dane enabled"),        // CONTEXT_NOT_DANE_ENABLED
    (168, c"missing rsa certificate"),         // MISSING_RSA_CERTIFICATE
    (169, c"missing rsa encrypting cert"),     // MISSING_RSA_ENCRYPTING_CERT
    (170, c"missing rsa signing cert"),        // MISSING_RSA_SIGNING_CERT
    (171, c"missing tmp dh key"),              // MISSING_TMP_DH_KEY
    (172, c"dane already enabled"),            // DANE_ALREADY_ENABLED
    (173, c"dane cannot override mtype full"), // DANE_CANNOT_OVERRIDE_MTYPE_FULL
    (174, c"invalid max early data"),          // INVALID_MAX_EARLY_DATA
    (175, c"dane not enabled"),                // DANE_NOT_ENABLED
    (176, c"no certificates returned"),        // NO_CERTIFICATES_RETURNED
    (177, c"no certificate assigned"),         // NO_CERTIFICATE_ASSIGNED
    (178, c"unexpected end of early data"),    // UNEXPECTED_END_OF_EARLY_DATA
    (179, c"no certificate set"),              // NO_CERTIFICATE_SET
    (180, c"dane tlsa bad certificate"),       // DANE_TLSA_BAD_CERTIFICATE
    (181, c"no ciphers available"),            // NO_CIPHERS_AVAILABLE
    (182, c"not on record boundary"),          // NOT_ON_RECORD_BOUNDARY
    (183, c"no ciphers specified"),            // NO_CIPHERS_SPECIFIED
    (184, c"dane tlsa bad certificate usage"), // DANE_TLSA_BAD_CERTIFICATE_USAGE
    (185, c"no cipher match"),                 // NO_CIPHER_MATCH
    (186, c"bad cipher"),                      // BAD_CIPHER
    (187, c"no compression specified"),        // NO_COMPRESSION_SPECIFIED
    (188, c"no method specified"),             // NO_METHOD_SPECIFIED
    (189, c"dane tlsa bad data length"),       // DANE_TLSA_BAD_DATA_LENGTH
    (190, c"no private key assigned"),         // NO_PRIVATE_KEY_ASSIGNED
    (191, c"no protocols available"),          // NO_PROTOCOLS_AVAILABLE
    (192, c"dane tlsa bad digest length"),     // DANE_TLSA_BAD_DIGEST_LENGTH
    (193, c"no shared cipher"),                // NO_SHARED_CIPHER
    (194, c"exceeds max fragment size"),       // EXCEEDS_MAX_FRAGMENT_SIZE
    (195, c"null ssl ctx"),                    // NULL_SSL_CTX
    (196, c"null ssl method passed"),          // NULL_SSL_METHOD_PASSED
    (197, c"old session cipher not returned"), // OLD_SESSION_CIPHER_NOT_RETURNED
    (198, c"packet length too long"),          // PACKET_LENGTH_TOO_LONG
    (199, c"peer did not return a certificate"), // PEER_DID_NOT_RETURN_A_CERTIFICATE
    (200, c"dane tlsa bad matching type"),     // DANE_TLSA_BAD_MATCHING_TYPE
    (201, c"dane tlsa bad public key"),        // DANE_TLSA_BAD_PUBLIC_KEY
    (202, c"dane tlsa bad selector"),          // DANE_TLSA_BAD_SELECTOR
    (203, c"dane tlsa null data"),             // DANE_TLSA_NULL_DATA
    (204, c"error setting tlsa base domain"),  // ERROR_SETTING_TLSA_BASE_DOMAIN
    (205, c"invalid alert"),                   // INVALID_ALERT
    (206, c"custom ext handler already installed"), // CUSTOM_EXT_HANDLER_ALREADY_INSTALLED
    (207, c"protocol is shutdown"),            // PROTOCOL_IS_SHUTDOWN
    (208, c"sct verification failed"),         // SCT_VERIFICATION_FAILED
    (209, c"missing supported groups extension"), // MISSING_SUPPORTED_GROUPS_EXTENSION
    (210, c"ssl session version mismatch"),    // SSL_SESSION_VERSION_MISMATCH
    (211, c"read bio not set"),                // READ_BIO_NOT_SET
    (212, c"invalid ct validation type"),      // INVALID_CT_VALIDATION_TYPE
    (213, c"record length mismatch"),          // RECORD_LENGTH_MISMATCH
    (214, c"no change following hrr"),         // NO_CHANGE_FOLLOWING_HRR
    (215, c"required cipher missing"),         // REQUIRED_CIPHER_MISSING
    (216, c"no valid scts"),                   // NO_VALID_SCTS
    (217, c"unsolicited extension"),           // UNSOLICITED_EXTENSION
    (218, c"ciphersuite digest has changed"),  // CIPHERSUITE_DIGEST_HAS_CHANGED
    (219, c"bad psk"),                         // BAD_PSK
    (220, c"signature for non signing certificate"), // SIGNATURE_FOR_NON_SIGNING_CERTIFICATE
    (221, c"missing signing cert"),            // MISSING_SIGNING_CERT
    (222, c"inconsistent early data alpn"),    // INCONSISTENT_EARLY_DATA_ALPN
    (223, c"psk identity not found"),          // PSK_IDENTITY_NOT_FOUND
    (224, c"psk no client cb"),                // PSK_NO_CLIENT_CB
    (225, c"psk no server cb"),                // PSK_NO_SERVER_CB
    (226, c"clienthello tlsext"),              // CLIENTHELLO_TLSEXT
    (227, c"parse tlsext"),                    // PARSE_TLSEXT
    (228, c"ssl ctx has no default ssl version"), // SSL_CTX_HAS_NO_DEFAULT_SSL_VERSION
    (229, c"ssl handshake failure"),           // SSL_HANDSHAKE_FAILURE
    (230, c"ssl library has no ciphers"),      // SSL_LIBRARY_HAS_NO_CIPHERS
    (231, c"inconsistent early data sni"),     // INCONSISTENT_EARLY_DATA_SNI
    (232, c"ssl3 ext invalid max fragment length"), // SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH
    (233, c"bad early data"),                  // BAD_EARLY_DATA
    (234, c"callback failed"),                 // CALLBACK_FAILED
    (235, c"no application protocol"),         // NO_APPLICATION_PROTOCOL
    (236, c"bad handshake state"),             // BAD_HANDSHAKE_STATE
    (237, c"overflow error"),                  // OVERFLOW_ERROR
    (238, c"invalid certificate or alg"),      // INVALID_CERTIFICATE_OR_ALG
    (239, c"unable to find public key parameters"), // UNABLE_TO_FIND_PUBLIC_KEY_PARAMETERS
    (240, c"bad packet"),                      // BAD_PACKET
    (241, c"insufficient security"),           // INSUFFICIENT_SECURITY
    (242, c"unable to load ssl3 md5 routines"), // UNABLE_TO_LOAD_SSL3_MD5_ROUTINES
    (243, c"unable to load ssl3 sha1 routines"), // UNABLE_TO_LOAD_SSL3_SHA1_ROUTINES
    (244, c"unexpected message"),              // UNEXPECTED_MESSAGE
    (245, c"unexpected record"),               // UNEXPECTED_RECORD
    (246, c"unknown alert type"),              // UNKNOWN_ALERT_TYPE
    (247, c"unknown certificate type"),        // UNKNOWN_CERTIFICATE_TYPE
    (248, c"unknown cipher returned"),         // UNKNOWN_CIPHER_RETURNED
    (249, c"unknown cipher type"),             // UNKNOWN_CIPHER_TYPE
    (250, c"unknown key exchange type"),       // UNKNOWN_KEY_EXCHANGE_TYPE
    (251, c"unknown pkey type"),               // UNKNOWN_PKEY_TYPE
    (252, c"unknown protocol"),                // UNKNOWN_PROTOCOL
    (253, c"binder does not verify"),          // BINDER_DOES_NOT_VERIFY
    (254, c"unknown ssl version"),             // UNKNOWN_SSL_VERSION
    (255, c"unknown state"),                   // UNKNOWN_STATE
    (256, c"missing fatal"),                   // MISSING_FATAL
    (257, c"unsupported compression algorithm"), // UNSUPPORTED_COMPRESSION_ALGORITHM
    (258, c"unsupported protocol"),            // UNSUPPORTED_PROTOCOL
    (259, c"unsupported ssl version"),         // UNSUPPORTED_SSL_VERSION
    (260, c"invalid ccs message"),             // INVALID_CCS_MESSAGE
    (261, c"wrong cipher returned"),           // WRONG_CIPHER_RETURNED
    (262, c"unexpected ccs message"),          // UNEXPECTED_CCS_MESSAGE
    (263, c"bad hrr version"),                 // BAD_HRR_VERSION
    (264, c"wrong signature length"),          // WRONG_SIGNATURE_LENGTH
    (265, c"wrong signature size"),            // WRONG_SIGNATURE_SIZE
    (266, c"wrong ssl version"),               // WRONG_SSL_VERSION
    (267, c"wrong version number"),            // WRONG_VERSION_NUMBER
    (268, c"x509 lib"),                        // X509_LIB
    (269, c"x509 verification setup problems"), // X509_VERIFICATION_SETUP_PROBLEMS
    (270, c"path too long"),                   // PATH_TOO_LONG
    (271, c"bad length"),                      // BAD_LENGTH
    (272, c"attempt to reuse session in different context"), // ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT
    (273, c"ssl session id context too long"),               // SSL_SESSION_ID_CONTEXT_TOO_LONG
    (274, c"library bug"),                                   // LIBRARY_BUG
    (275, c"serverhello tlsext"),                            // SERVERHELLO_TLSEXT
    (276, c"uninitialized"),                                 // UNINITIALIZED
    (277, c"session id context uninitialized"),              // SESSION_ID_CONTEXT_UNINITIALIZED
    (278, c"post handshake auth encoding err"),              // POST_HANDSHAKE_AUTH_ENCODING_ERR
    (279, c"extension not received"),                        // EXTENSION_NOT_RECEIVED
    (280, c"invalid command"),                               // INVALID_COMMAND
    (281, c"decryption failed or bad record mac"),           // DECRYPTION_FAILED_OR_BAD_RECORD_MAC
    (282, c"invalid context"),                               // INVALID_CONTEXT
    (283, c"invalid config"),                                // INVALID_CONFIG
    (284, c"not server"),                                    // NOT_SERVER
    (285, c"request pending"),                               // REQUEST_PENDING
    (286, c"request sent"),                                  // REQUEST_SENT
    (287, c"no cookie callback set"),                        // NO_COOKIE_CALLBACK_SET
    (288, c"private key mismatch"),                          // PRIVATE_KEY_MISMATCH
    (289, c"not replacing certificate"),                     // NOT_REPLACING_CERTIFICATE
    (290, c"missing parameters"),                            // MISSING_PARAMETERS
    (291, c"application data after close notify"),           // APPLICATION_DATA_AFTER_CLOSE_NOTIFY
    (292, c"bad legacy version"),                            // BAD_LEGACY_VERSION
    (293, c"mixed handshake and non handshake data"), // MIXED_HANDSHAKE_AND_NON_HANDSHAKE_DATA
    (294, c"unexpected eof while reading"),           // UNEXPECTED_EOF_WHILE_READING
    (295, c"no suitable groups"),                     // NO_SUITABLE_GROUPS
    (296, c"copy parameters failed"),                 // COPY_PARAMETERS_FAILED
    (297, c"no suitable digest algorithm"),           // NO_SUITABLE_DIGEST_ALGORITHM
    (298, c"record too small"),                       // RECORD_TOO_SMALL
    (299, c"cannot get group name"),                  // CANNOT_GET_GROUP_NAME
    (300, c"ssl3 session id too long"),               // SSL3_SESSION_ID_TOO_LONG
    (301, c"ssl session id callback failed"),         // SSL_SESSION_ID_CALLBACK_FAILED
    (302, c"ssl session id conflict"),                // SSL_SESSION_ID_CONFLICT
    (303, c"ssl session id has bad length"),          // SSL_SESSION_ID_HAS_BAD_LENGTH
    (304, c"bad ecc cert"),                           // BAD_ECC_CERT
    (305, c"ocsp callback failure"),                  // OCSP_CALLBACK_FAILURE
    (306, c"bad ecpoint"),                            // BAD_ECPOINT
    (307, c"compression id not within private range"), // COMPRESSION_ID_NOT_WITHIN_PRIVATE_RANGE
    (308, c"cookie mismatch"),                        // COOKIE_MISMATCH
    (309, c"duplicate compression id"),               // DUPLICATE_COMPRESSION_ID
    (310, c"missing psk kex modes extension"),        // MISSING_PSK_KEX_MODES_EXTENSION
    (311, c"missing tmp ecdh key"),                   // MISSING_TMP_ECDH_KEY
    (312, c"read timeout expired"),                   // READ_TIMEOUT_EXPIRED
    (314, c"unable to find ecdh parameters"),         // UNABLE_TO_FIND_ECDH_PARAMETERS
    (315, c"unsupported elliptic curve"),             // UNSUPPORTED_ELLIPTIC_CURVE
    (318, c"ecc cert not for signing"),               // ECC_CERT_NOT_FOR_SIGNING
    (319, c"ssl3 ext invalid servername"),            // SSL3_EXT_INVALID_SERVERNAME
    (320, c"ssl3 ext invalid servername type"),       // SSL3_EXT_INVALID_SERVERNAME_TYPE
    (324, c"no required digest"),                     // NO_REQUIRED_DIGEST
    (325, c"invalid ticket keys length"),             // INVALID_TICKET_KEYS_LENGTH
    (328, c"invalid status response"),                // INVALID_STATUS_RESPONSE
    (329, c"unsupported status type"),                // UNSUPPORTED_STATUS_TYPE
    (
        330,
        c"Peer haven't sent GOST certificate, required for selected ciphersuite",
    ), // NO_GOST_CERTIFICATE_SENT_BY_PEER
    (331, c"no client cert method"),                  // NO_CLIENT_CERT_METHOD
    (332, c"bad handshake length"),                   // BAD_HANDSHAKE_LENGTH
    (333, c"legacy sigalg disallowed or unsupported"), // LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED
    (334, c"dtls message too big"),                   // DTLS_MESSAGE_TOO_BIG
    (335, c"renegotiate ext too long"),               // RENEGOTIATE_EXT_TOO_LONG
    (336, c"renegotiation encoding err"),             // RENEGOTIATION_ENCODING_ERR
    (337, c"renegotiation mismatch"),                 // RENEGOTIATION_MISMATCH
    (338, c"unsafe legacy renegotiation disabled"),   // UNSAFE_LEGACY_RENEGOTIATION_DISABLED
    (339, c"no renegotiation"),                       // NO_RENEGOTIATION
    (340, c"inconsistent compression"),               // INCONSISTENT_COMPRESSION
    (341, c"invalid compression algorithm"),          // INVALID_COMPRESSION_ALGORITHM
    (342, c"required compression algorithm missing"), // REQUIRED_COMPRESSION_ALGORITHM_MISSING
    (343, c"compression disabled"),                   // COMPRESSION_DISABLED
    (344, c"old session compression algorithm not returned"), // OLD_SESSION_COMPRESSION_ALGORITHM_NOT_RETURNED
    (345, c"scsv received when renegotiating"),               // SCSV_RECEIVED_WHEN_RENEGOTIATING
    (347, c"bad srp a length"),                               // BAD_SRP_A_LENGTH
    (352, c"bad srtp mki value"),                             // BAD_SRTP_MKI_VALUE
    (353, c"bad srtp protection profile list"),               // BAD_SRTP_PROTECTION_PROFILE_LIST
    (354, c"empty srtp protection profile list"),             // EMPTY_SRTP_PROTECTION_PROFILE_LIST
    (357, c"invalid srp username"),                           // INVALID_SRP_USERNAME
    (358, c"can't find SRP server param"),                    // MISSING_SRP_PARAM
    (359, c"no srtp profiles"),                               // NO_SRTP_PROFILES
    (360, c"signature algorithms error"),                     // SIGNATURE_ALGORITHMS_ERROR
    (361, c"error with the srp params"),                      // SRP_A_CALC
    (362, c"srtp could not allocate profiles"),               // SRTP_COULD_NOT_ALLOCATE_PROFILES
    (363, c"srtp protection profile list too long"), // SRTP_PROTECTION_PROFILE_LIST_TOO_LONG
    (364, c"srtp unknown protection profile"),       // SRTP_UNKNOWN_PROTECTION_PROFILE
    (367, c"tls illegal exporter label"),            // TLS_ILLEGAL_EXPORTER_LABEL
    (368, c"unknown digest"),                        // UNKNOWN_DIGEST
    (369, c"use srtp not negotiated"),               // USE_SRTP_NOT_NEGOTIATED
    (370, c"wrong signature type"),                  // WRONG_SIGNATURE_TYPE
    (371, c"bad srp parameters"),                    // BAD_SRP_PARAMETERS
    (372, c"ssl negative length"),                   // SSL_NEGATIVE_LENGTH
    (373, c"inappropriate fallback"),                // INAPPROPRIATE_FALLBACK
    (374, c"ecdh required for suiteb mode"),         // ECDH_REQUIRED_FOR_SUITEB_MODE
    (376, c"no shared signature algorithms"),        // NO_SHARED_SIGNATURE_ALGORITHMS
    (377, c"cert cb error"),                         // CERT_CB_ERROR
    (378, c"wrong curve"),                           // WRONG_CURVE
    (380, c"illegal Suite B digest"),                // ILLEGAL_SUITEB_DIGEST
    (381, c"missing ecdsa signing cert"),            // MISSING_ECDSA_SIGNING_CERT
    (383, c"wrong certificate type"),                // WRONG_CERTIFICATE_TYPE
    (384, c"bad value"),                             // BAD_VALUE
    (385, c"invalid null cmd name"),                 // INVALID_NULL_CMD_NAME
    (386, c"unknown cmd name"),                      // UNKNOWN_CMD_NAME
    (388, c"invalid serverinfo data"),               // INVALID_SERVERINFO_DATA
    (389, c"no pem extensions"),                     // NO_PEM_EXTENSIONS
    (390, c"bad data"),                              // BAD_DATA
    (391, c"pem name bad prefix"),                   // PEM_NAME_BAD_PREFIX
    (392, c"pem name too short"),                    // PEM_NAME_TOO_SHORT
    (394, c"dh key too small"),                      // DH_KEY_TOO_SMALL
    (396, c"version too low"),                       // VERSION_TOO_LOW
    (397, c"ca key too small"),                      // CA_KEY_TOO_SMALL
    (398, c"ca md too weak"),                        // CA_MD_TOO_WEAK
    (399, c"ee key too small"),                      // EE_KEY_TOO_SMALL
    (400, c"cookie gen callback failure"),           // COOKIE_GEN_CALLBACK_FAILURE
    (401, c"fragmented client hello"),               // FRAGMENTED_CLIENT_HELLO
    (402, c"invalid sequence number"),               // INVALID_SEQUENCE_NUMBER
    (403, c"no verify cookie callback"),             // NO_VERIFY_COOKIE_CALLBACK
    (404, c"length too long"),                       // LENGTH_TOO_LONG
    (405, c"failed to init async"),                  // FAILED_TO_INIT_ASYNC
    (406, c"pipeline failure"),                      // PIPELINE_FAILURE
    (407, c"shutdown while in init"),                // SHUTDOWN_WHILE_IN_INIT
    (408, c"ssl session id too long"),               // SSL_SESSION_ID_TOO_LONG
    (409, c"too many warn alerts"),                  // TOO_MANY_WARN_ALERTS
    (410, c"no shared groups"),                      // NO_SHARED_GROUPS
    (443, c"bad record type"),                       // BAD_RECORD_TYPE
    (999, c"invalid session id"),                    // INVALID_SESSION_ID
    (1010, c"sslv3 alert unexpected message"),       // SSLV3_ALERT_UNEXPECTED_MESSAGE
    (1020, c"sslv3 alert bad record mac"),           // SSLV3_ALERT_BAD_RECORD_MAC
    (1021, c"tlsv1 alert decryption failed"),        // TLSV1_ALERT_DECRYPTION_FAILED
    (1022, c"tlsv1 alert record overflow"),          // TLSV1_ALERT_RECORD_OVERFLOW
    (1030, c"sslv3 alert decompression failure"),    // SSLV3_ALERT_DECOMPRESSION_FAILURE
    (1040, c"sslv3 alert handshake failure"),        // SSLV3_ALERT_HANDSHAKE_FAILURE
    (1041, c"sslv3 alert no certificate"),           // SSLV3_ALERT_NO_CERTIFICATE
    (1042, c"sslv3 alert bad certificate"),          // SSLV3_ALERT_BAD_CERTIFICATE
    (1043, c"sslv3 alert unsupported certificate"),  // SSLV3_ALERT_UNSUPPORTED_CERTIFICATE
    (1044, c"sslv3 alert certificate revoked"),      // SSLV3_ALERT_CERTIFICATE_REVOKED
    (1045, c"sslv3 alert certificate expired"),      // SSLV3_ALERT_CERTIFICATE_EXPIRED
    (1046, c"sslv3 alert certificate unknown"),      // SSLV3_ALERT_CERTIFICATE_UNKNOWN
    (1047, c"sslv3 alert illegal parameter"),        // SSLV3_ALERT_ILLEGAL_PARAMETER
    (1048, c"tlsv1 alert unknown ca"),               // TLSV1_ALERT_UNKNOWN_CA
    (1049, c"tlsv1 alert access denied"),            // TLSV1_ALERT_ACCESS_DENIED
    (1050, c"tlsv1 alert decode error"),             // TLSV1_ALERT_DECODE_ERROR
    (1051, c"tlsv1 alert decrypt error"),            // TLSV1_ALERT_DECRYPT_ERROR
    (1060, c"tlsv1 alert export restriction"),       // TLSV1_ALERT_EXPORT_RESTRICTION
    (1070, c"tlsv1 alert protocol version"),         // TLSV1_ALERT_PROTOCOL_VERSION
    (1071, c"tlsv1 alert insufficient security"),    // TLSV1_ALERT_INSUFFICIENT_SECURITY
    (1080, c"tlsv1 alert internal error"),           // TLSV1_ALERT_INTERNAL_ERROR
    (1086, c"tlsv1 alert inappropriate fallback"),   // TLSV1_ALERT_INAPPROPRIATE_FALLBACK
    (1090, c"tlsv1 alert user cancelled"),           // TLSV1_ALERT_USER_CANCELLED
    (1100, c"tlsv1 alert no renegotiation"),         // TLSV1_ALERT_NO_RENEGOTIATION
    (1109, c"tlsv13 alert missing extension"),       // TLSV13_ALERT_MISSING_EXTENSION
    (1110, c"tlsv1 unsupported extension"),          // TLSV1_UNSUPPORTED_EXTENSION
    (1111, c"tlsv1 certificate unobtainable"),       // TLSV1_CERTIFICATE_UNOBTAINABLE
    (1112, c"tlsv1 unrecognized name"),              // TLSV1_UNRECOGNIZED_NAME
    (1113, c"tlsv1 bad certificate status response"), // TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE
    (1114, c"tlsv1 bad certificate hash value"),     // TLSV1_BAD_CERTIFICATE_HASH_VALUE
    (1115, c"tlsv1 alert unknown psk identity"),     // TLSV1_ALERT_UNKNOWN_PSK_IDENTITY
    (1116, c"tlsv13 alert certificate required"),    // TLSV13_ALERT_CERTIFICATE_REQUIRED
    (1120, c"tlsv1 alert no application protocol"),  // TLSV1_ALERT_NO_APPLICATION_PROTOCOL
];
